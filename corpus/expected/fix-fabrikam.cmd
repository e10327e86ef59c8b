REM csx fix: remediation for tenant fabrikam (cmd shell). Review every line before running it.
REM Generated offline from ingested files; nothing here has been run.

REM ========================================================================
REM connectivity-failure [high]: The connector cannot reach or authenticate to its directory
REM 1 finding(s):
REM   - DC=fabrikam,DC=example
REM run 2199 step 1 (delta-import) ended stopped-server-down, connection failed-connection: 0x51 Server Down. Likely cause: The domain controller did not answer (server down, DNS, firewall, LDAP 389/636 blocked). Until it is fixed, nothing is imported from or exported to this directory.

REM Step 1: Check that the domain controller answers on LDAP
REM Read-only. Both must succeed from the Entra Connect server.
nltest "/dsgetdc:fabrikam.example"
powershell -NoProfile -Command "Test-NetConnection -ComputerName 'dc2.fabrikam.example' -Port 389"

REM Verify 2: The next run of the connector connects
REM The step result is _success_ (or completed-*), with connection-result _success_.
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"

REM ========================================================================
REM constraint-violation [medium]: AD refuses a value: constraint violation
REM 1 finding(s):
REM   - CN=Kim Lee,OU=Sales,DC=fabrikam,DC=example
REM AD rejected a value exported to CN=Kim Lee,OU=Sales,DC=fabrikam,DC=example: A constraint violation occurred. (000021C8: AtrErr: DSID-03200BBA, #1: 0: 000021C8: DSID-03200BBA, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 90290 (userPrincipalName)). This is a data problem (too long, out of range, malformed, or not unique forest-wide: 000021C8 is a duplicate userPrincipalName, 000021C7 a duplicate servicePrincipalName). No permission grant helps: the value must change at its source (usually in Entra ID for written-back attributes, or in the sync rule that computes it).

REM Step 1: Look at the object's current values in AD
REM _Att _id_ (_name_)_ in the server error detail names the attribute AD refused.
dsquery * "CN=Kim Lee,OU=Sales,DC=fabrikam,DC=example" -scope base -attr *
REM Decision: Decide which value is right and change it where it originates (the cloud object for writeback attributes; the on-premises source or the sync rule otherwise). For a duplicate UPN or SPN, find the other holder first: Get-ADObject -Filter with the value shows it.

REM Verify 2: The export succeeds on the next cycle
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"
csexport "fabrikam.example" export-errors.xml /f:e

REM ========================================================================
REM data-validation-failed [medium]: The object fails Entra ID's validation (UPN characters)
REM 1 finding(s):
REM   - CN={33333333333333333333333333333333}
REM The value of userPrincipalName contains characters that are not allowed.. The userPrincipalName being exported is _bad user@fabrikam.example_. A UPN may hold letters, digits and ' . - _ _ # _ ~ before the @, no spaces, no leading, trailing or double dots, and its suffix must be a verified domain of the tenant.
REM Decision: Choose the corrected value with the object's owner; csx does not invent it.

REM Step 1: Correct the value on-premises (replace _corrected UPN_)
dsmod user "CN=Bad User,OU=Sales,DC=fabrikam,DC=example" -upn "<corrected UPN>"

REM Verify 2: After a delta cycle the Entra connector's export error is gone
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"

REM ========================================================================
REM deletion-threshold-exceeded [high]: Export stopped: more deletions than the accidental-delete threshold allows
REM 1 finding(s):
REM   - fabrikam
REM run 1310 (Export) step 1 ended stopped-deletion-threshold-exceeded. Entra Connect stops an export that would delete more objects than its threshold, to protect against a scoping mistake (an OU taken out of sync, a filter change). Until it is resolved, no change reaches Entra ID.

REM Step 1: See what the export would delete
REM Read-only: the pending exports of the connector, then CSExportAnalyzer lists the deletions.
csexport "fabrikam.onmicrosoft.com - AAD" pending-exports.xml /f:x
CSExportAnalyzer pending-exports.xml > pending-exports.csv
REM Decision: If the deletions are unintended, undo the change that caused them (restore the OU or filter) and run a delta cycle: the threshold then has nothing to stop. Only if every deletion is intended, let them through once with the next step.

REM Step 2: Let intended deletions through once, then restore the protection
REM Run on the Entra Connect server as an administrator.
powershell -NoProfile -Command "Disable-ADSyncExportDeletionThreshold; Start-ADSyncSyncCycle -PolicyType Delta"
powershell -NoProfile -Command "Enable-ADSyncExportDeletionThreshold -DeletionThreshold 500"

REM Verify 3: The threshold is back on and the next export ran
REM ADSyncExportDeletionThreshold shows Enabled and the threshold; the connector's latest Export step ends _success_.
powershell -NoProfile -Command "Get-ADSyncExportDeletionThreshold"

REM ========================================================================
REM dn-attributes-failure [low]: An exported reference points at an object that failed itself
REM 1 finding(s):
REM   - CN=Project X,OU=Groups,DC=fabrikam,DC=example
REM The export of CN=Project X,OU=Groups,DC=fabrikam,DC=example carries a DN-valued attribute (member, manager, ...) that points at an object which failed to export itself (dn-attributes-failure). Nothing is wrong with this object: fix the referenced object's own error (it is reported as a finding of its own), and this one clears on the next export.

REM Step 1: List the AD connector's export errors to find the referenced object
csexport "fabrikam.example" export-errors.xml /f:e

REM Verify 2: After fixing the referenced object, run a delta cycle and check again
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"
csexport "fabrikam.example" export-errors.xml /f:e

REM ========================================================================
REM existing-object [medium]: An object with that name already exists in AD
REM 1 finding(s):
REM   - CN=Team Site,OU=Groups,DC=fabrikam,DC=example
REM Adding CN=Team Site,OU=Groups,DC=fabrikam,DC=example failed: an object with that name already exists (cd-existing-object). Typical with group or device writeback into an OU that already holds an object of the same name, or a rename onto an existing DN. Decide whether the existing object is the same thing (then let the connector join it) or a different one (then rename or move one of them).

REM Step 1: Look at the object that holds the name
dsquery * "CN=Team Site,OU=Groups,DC=fabrikam,DC=example" -scope base -attr objectClass objectGUID whenCreated
REM Decision: If it is the same object, a full import lets the connector join it. If it is different, rename or move the existing object (or change the writeback target) and run a delta cycle.

REM Verify 2: The add succeeds on the next export
powershell -NoProfile -Command "Invoke-ADSyncRunProfile -ConnectorName 'fabrikam.example' -RunProfileName 'Full Import'; Start-ADSyncSyncCycle -PolicyType Delta"
csexport "fabrikam.example" export-errors.xml /f:e

REM ========================================================================
REM extension-dll-exception [medium]: A rules extension threw an exception during synchronization
REM 1 finding(s):
REM   - fabrikam
REM run 2200 step 1 ended stopped-extension-dll-exception. A rules extension (a custom DLL in the Synchronization Service's Extensions folder) threw an exception; the details the files hold: _extension_detail_

REM Step 1: Read the exception in the application event log of the Entra Connect server
REM Read-only. Source _ADSync_ (or _FIMSynchronizationService_), around 2026-06-16 08:10:00.000.
wevtutil qe Application /q:"*[System[Provider[@Name='ADSync']]]" /c:20 /rd:true /f:text
REM Decision: Fix the extension (or the data that breaks it) with its owner. Entra Connect itself supports no custom rules extensions: if one is installed, it is a leftover of a MIM/FIM setup or a customisation to review.

REM Verify 2: The next run of the connector completes
powershell -NoProfile -Command "Get-ADSyncRunProfileResult -ConnectorName 'fabrikam.example' -NumberRequested 1"
REM Placeholder _extension_detail_: the ingested files hold no value for it; fill it in by hand

REM ========================================================================
REM federated-domain-change [medium]: A user moved from one federated domain to another
REM 1 finding(s):
REM   - CN={55555555555555555555555555555555}
REM Entra ID does not change a synchronized user's UPN from one federated domain to another directly (FederatedDomainChangeError). Either change it in two steps through the tenant's onmicrosoft.com domain (Microsoft Graph PowerShell, signed in with User.ReadWrite.All), or enable the synchronizeUpnForManagedUsers feature if the domains are managed.

REM Step 1: Move the cloud UPN through the onmicrosoft.com domain, then to the new UPN (replace the placeholders)
powershell -NoProfile -Command "Update-MgUser -UserId 'fed.mover@fabrikam.example' -UserPrincipalName '<user>@<tenant>.onmicrosoft.com'"

REM Verify 2: After a delta cycle the Entra connector's export error is gone
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"

REM ========================================================================
REM invalid-soft-match [medium]: An object's soft match hits an object that is already linked
REM 1 finding(s):
REM   - CN={11111111111111111111111111111111}
REM Entra ID will not soft-match the object (on-premises: CN=Mia Moss,OU=Sales,DC=fabrikam,DC=example) to the cloud object holding mia@fabrikam.example, because that cloud object is already tied to a different on-premises anchor (InvalidSoftMatch). Every object in the files that holds mia@fabrikam.example: CN=Mia Moss,OU=Sales,DC=fabrikam,DC=example (userPrincipalName mia@fabrikam.example, proxyAddresses SMTP:mia@fabrikam.example; fabrikam.example; corpus/demo/fabrikam/csexport-ad-errors.xml:110), CN={11111111111111111111111111111111} (userPrincipalName mia@fabrikam.example; fabrikam.onmicrosoft.com - AAD; corpus/demo/fabrikam/csexport-aad-errors.xml:4), Mia Moss (cloud) (mail mia@fabrikam.example, proxyAddresses SMTP:mia@fabrikam.example, userPrincipalName mia@fabrikam.example; Entra ID; corpus/demo/fabrikam/graph-users.json:4).
REM Decision: Decide which on-premises object should own the cloud object. If the cloud object belonged to an object that was deleted and re-created on-premises, its immutableId must be cleared or set to the new object's anchor in Entra ID (Microsoft Graph: onPremisesImmutableId); otherwise remove the duplicate value from the wrong object. csx does not pick the owner.

REM Step 1: Compare the anchors: the on-premises object's objectGUID / mS-DS-ConsistencyGuid against the cloud object's onPremisesImmutableId
REM Read-only.
dsquery * "CN=Mia Moss,OU=Sales,DC=fabrikam,DC=example" -scope base -attr objectGUID mS-DS-ConsistencyGuid userPrincipalName proxyAddresses

REM Verify 2: After the change, run a delta cycle; the Entra connector's export error is gone
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"

REM ========================================================================
REM large-object [medium]: The object exceeds Entra ID's size limits
REM 1 finding(s):
REM   - CN={44444444444444444444444444444444}
REM Values held in the dump: userCertificate: 17. Entra ID accepts at most 15 userCertificate and 15 userSMIMECertificate values per object, a thumbnailPhoto of at most 100 KB, and a limited number of proxyAddresses.

REM Step 1: List the object's certificates with their expiry dates
REM Read-only. Expired or superseded certificates are the usual excess.
dsquery * "CN=Cert Heavy,OU=Sales,DC=fabrikam,DC=example" -scope base -attr userCertificate userSMIMECertificate
REM Decision: Remove expired certificates (or excess proxy addresses) with the object's owner; csx does not choose which values go.

REM Verify 2: After the clean-up and a delta cycle the Entra connector's export error is gone
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"

REM ========================================================================
REM missing-object [medium]: The exported object or its container no longer exists in AD
REM 1 finding(s):
REM   - CN=Old Kiosk,OU=Kiosks,DC=fabrikam,DC=example
REM The export to CN=Old Kiosk,OU=Kiosks,DC=fabrikam,DC=example fails with _no such object_: the object, or the container it should be created in (OU=Kiosks,DC=fabrikam,DC=example), no longer exists where the connector space expects it. Usual causes: the object or OU was deleted or moved outside the synchronized OUs, or a writeback container (device or group writeback) is missing.

REM Step 1: Check which of the object and its container still exist
REM An error for the object but not for the container means the object moved or was deleted; an error for the container means the OU itself is gone.
dsquery * "CN=Old Kiosk,OU=Kiosks,DC=fabrikam,DC=example" -scope base -attr distinguishedName
dsquery * "OU=Kiosks,DC=fabrikam,DC=example" -scope base -attr distinguishedName

REM Step 2: Let the connector space catch up with AD
REM A full import re-reads what exists, then a delta sync re-computes the exports. If the container is a writeback target that should exist, recreate it first.
powershell -NoProfile -Command "Invoke-ADSyncRunProfile -ConnectorName 'fabrikam.example' -RunProfileName 'Full Import'; Start-ADSyncSyncCycle -PolicyType Delta"

REM Verify 3: No more export errors on the AD connector
csexport "fabrikam.example" export-errors.xml /f:e

REM ========================================================================
REM object-type-mismatch [medium]: The value belongs to an object of another type
REM 1 finding(s):
REM   - CN={22222222222222222222222222222222}
REM Entra ID refuses the object (on-premises: CN=Sales Desk,OU=Shared,DC=fabrikam,DC=example) because an object of a different type already holds smtp:desk@fabrikam.example (ObjectTypeMismatch: a user against a contact or a group, for example). Every object in the files that holds desk@fabrikam.example: CN=Sales Desk,OU=Shared,DC=fabrikam,DC=example (proxyAddresses SMTP:desk@fabrikam.example; fabrikam.example; corpus/demo/fabrikam/csexport-ad-errors.xml:119).
REM Decision: Decide which object keeps desk@fabrikam.example, then remove it from the other one at its source of authority. Converting an object's type is not possible in place: if the cloud object of the other type is obsolete, delete it there. csx does not pick the owner.

REM Step 1: Look at the on-premises object
REM Read-only.
dsquery * "CN=Sales Desk,OU=Shared,DC=fabrikam,DC=example" -scope base -attr objectClass userPrincipalName mail proxyAddresses

REM Verify 2: After the change, run a delta cycle; the Entra connector's export error is gone
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"

REM ========================================================================
REM ou-writeback-denied [medium]: The connector account may not write an attribute under this OU
REM 1 finding(s):
REM   - CN=Nia Ops,OU=Ops,DC=fabrikam,DC=example
REM CN=Nia Ops,OU=Ops,DC=fabrikam,DC=example shows no sign of AdminSDHolder protection (no adminCount, protected-group membership or well-known account in the dump), yet exporting msExchSafeSendersHash to it is denied. Either the OU (or one above it) blocks inheritance from the domain root where the connector's rights were granted, or inheritance is disabled on the object itself.

REM Step 1: Check whether the object itself has inheritance disabled
REM If the output starts with _{This object is protected from inheriting permissions from the parent}_, re-enable inheritance on the object instead of granting on the OU (dsacls __object__ /P:N), after making sure it is not a protected account (adminCount=1).
dsacls "CN=Nia Ops,OU=Ops,DC=fabrikam,DC=example"

REM Step 2: Grant the connector account write access to the attribute for user objects below the OU
REM An inheritable, attribute-scoped ACE (/I:S = sub-objects only). Where the OU that blocks inheritance is higher up, grant there instead; Get-ADSyncObjectsWithInheritanceDisabled -SearchBase '_domain DN_' (AdSyncConfig module) lists candidates.
dsacls "OU=Ops,DC=fabrikam,DC=example" /I:S /G "FABRIKAM\MSOL_fab0123456cd:WP;msExchSafeSendersHash;user"

REM Step 3: Run a delta synchronization cycle
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"

REM Verify 4: The inherited ACE reached the object
REM Expect _Allow FABRIKAM\MSOL_fab0123456cd SPECIAL ACCESS for msExchSafeSendersHash _Inherited from parent__ and _WRITE PROPERTY_.
dsacls "CN=Nia Ops,OU=Ops,DC=fabrikam,DC=example"

REM Verify 5: The export error is gone
csexport "fabrikam.example" export-errors.xml /f:e
REM Risk: The grant lets the connector account write this one attribute on every user object below OU=Ops,DC=fabrikam,DC=example. Roll back by removing the ACE (dsacls _OU=Ops,DC=fabrikam,DC=example_ /R _FABRIKAM\MSOL_fab0123456cd_ removes all of the account's ACEs on that OU; re-add the others).

REM ========================================================================
REM persistent-export-errors [medium]: Export has ended with errors run after run
REM 1 finding(s):
REM   - fabrikam
REM the Export step ended completed-export-errors in 3 consecutive runs, from run 2201 (2026-06-16 08:30:40.000) to run 2207 (2026-06-16 09:30:40.000). The same objects fail on every cycle, and each retry adds to their retry count; the object-level findings in this report give the causes and the commands. This finding measures how long it has lasted (first failing run: 2201).

REM Step 1: List what fails now
REM Read-only: the connector's current export errors.
csexport "fabrikam.example" export-errors.xml /f:e

REM Verify 2: After the object-level fixes, the next Export step ends _success_
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"

REM ========================================================================
REM unclassified-error [low]: An error no other rule explains
REM 1 finding(s):
REM   - CN=Tim Skew,OU=Sales,DC=fabrikam,DC=example
REM This csexport export error (kerberos-time-skew) matches no rule, so csx proposes no command. The error as the file holds it is above, with the file and line it comes from.
REM Next steps: Search the error code and text in Microsoft's troubleshooting articles for Entra Connect (the code as written is kept in the database: error_code_raw). The object's full record is in the csx database (v_problem, v_export_error, v_import_error) and in the source file at the line given.
