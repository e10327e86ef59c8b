# csx fix: remediation for tenant fabrikam (powershell shell). Review every line before running it.
# Generated offline from ingested files; nothing here has been run.

# ========================================================================
# connectivity-failure [high]: The connector cannot reach or authenticate to its directory
# 1 finding(s):
#   - DC=fabrikam,DC=example
# run 2199 step 1 (delta-import) ended stopped-server-down, connection failed-connection: 0x51 Server Down. Likely cause: The domain controller did not answer (server down, DNS, firewall, LDAP 389/636 blocked). Until it is fixed, nothing is imported from or exported to this directory.

# Step 1: Check that the domain controller answers on LDAP
# Read-only. Both must succeed from the Entra Connect server.
Test-NetConnection -ComputerName 'dc2.fabrikam.example' -Port 389
Resolve-DnsName -Name 'dc2.fabrikam.example'

# Verify 2: The next run of the connector connects
# The step result is "success" (or completed-*), with connection-result "success".
Start-ADSyncSyncCycle -PolicyType Delta
Get-ADSyncRunProfileResult -ConnectorName 'fabrikam.example' -NumberRequested 1

# ========================================================================
# constraint-violation [medium]: AD refuses a value: constraint violation
# 1 finding(s):
#   - CN=Kim Lee,OU=Sales,DC=fabrikam,DC=example
# AD rejected a value exported to CN=Kim Lee,OU=Sales,DC=fabrikam,DC=example: A constraint violation occurred. (000021C8: AtrErr: DSID-03200BBA, #1: 0: 000021C8: DSID-03200BBA, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 90290 (userPrincipalName)). This is a data problem (too long, out of range, malformed, or not unique forest-wide: 000021C8 is a duplicate userPrincipalName, 000021C7 a duplicate servicePrincipalName). No permission grant helps: the value must change at its source (usually in Entra ID for written-back attributes, or in the sync rule that computes it).

# Step 1: Look at the object's current values in AD
# "Att <id> (<name>)" in the server error detail names the attribute AD refused.
Get-ADObject -Identity 'CN=Kim Lee,OU=Sales,DC=fabrikam,DC=example' -Properties *
# Decision: Decide which value is right and change it where it originates (the cloud object for writeback attributes; the on-premises source or the sync rule otherwise). For a duplicate UPN or SPN, find the other holder first: Get-ADObject -Filter with the value shows it.

# Verify 2: The export succeeds on the next cycle
# csexport.exe runs on the Entra Connect server, from its install folder, and refuses to overwrite a file: each run writes a new csx-*.xml; ingest the newest.
Start-ADSyncSyncCycle -PolicyType Delta
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.example' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e

# ========================================================================
# data-validation-failed [medium]: The object fails Entra ID's validation (UPN characters)
# 1 finding(s):
#   - CN={33333333333333333333333333333333}
# The value of userPrincipalName contains characters that are not allowed.. The userPrincipalName being exported is "bad user@fabrikam.example". A UPN may hold letters, digits and ' . - _ ! # ^ ~ before the @, no spaces, no leading, trailing or double dots, and its suffix must be a verified domain of the tenant.
# Decision: Choose the corrected value with the object's owner; csx does not invent it.

# Step 1: Correct the value on-premises (replace <corrected UPN>)
Set-ADUser -Identity 'CN=Bad User,OU=Sales,DC=fabrikam,DC=example' -UserPrincipalName '<corrected UPN>'

# Verify 2: After a delta cycle the Entra connector's export error is gone
Start-ADSyncSyncCycle -PolicyType Delta

# ========================================================================
# deletion-threshold-exceeded [high]: Export stopped: more deletions than the accidental-delete threshold allows
# 1 finding(s):
#   - fabrikam
# run 1310 (Export) step 1 ended stopped-deletion-threshold-exceeded. Entra Connect stops an export that would delete more objects than its threshold, to protect against a scoping mistake (an OU taken out of sync, a filter change). Until it is resolved, no change reaches Entra ID.

# Step 1: See what the export would delete
# Read-only, on the Entra Connect server: the connector's pending exports, then CSExportAnalyzer lists the deletions as CSV. csexport.exe and CSExportAnalyzer.exe live in the install folder; csexport refuses to overwrite a file, so each run writes a new csx-pending-exports-*.xml.
$csxPending = 'csx-pending-exports-{0:yyyyMMdd-HHmmss}.xml' -f (Get-Date)
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.onmicrosoft.com - AAD' $csxPending /f:x
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\CSExportAnalyzer.exe" $csxPending > ($csxPending + '.csv')
# Decision: If the deletions are unintended, undo the change that caused them (restore the OU or filter) and run a full cycle (Start-ADSyncSyncCycle -PolicyType Initial: a scope or filter change needs the connector spaces re-read, a delta cycle does not): the threshold then has nothing to stop. Only if every deletion is intended, let them through once with the next step.

# Step 2: Let intended deletions through once, then restore the protection with its saved value
# Microsoft's order, on the Entra Connect server as an administrator: note the current threshold, disable it (it asks for a Hybrid Identity Administrator of the tenant), run the Export run profile of the connector that stopped (Invoke-ADSyncRunProfile waits until it ends; Start-ADSyncSyncCycle would return at once), then enable the threshold again with the value noted. Both forms keep the noted value in a variable and hand it back to Enable-ADSyncExportDeletionThreshold.
$csxThreshold = (Get-ADSyncExportDeletionThreshold).DeletionThreshold
Disable-ADSyncExportDeletionThreshold
Invoke-ADSyncRunProfile -ConnectorName 'fabrikam.onmicrosoft.com - AAD' -RunProfileName 'Export'
Enable-ADSyncExportDeletionThreshold -DeletionThreshold $csxThreshold

# Verify 3: The threshold is back on and the export ran
# Get-ADSyncExportDeletionThreshold shows the threshold enabled with its former value; the connector's latest Export step ends "success".
Get-ADSyncExportDeletionThreshold

# ========================================================================
# dn-attributes-failure [low]: An exported reference points at an object that failed itself
# 1 finding(s):
#   - CN=Project X,OU=Groups,DC=fabrikam,DC=example
# The export of CN=Project X,OU=Groups,DC=fabrikam,DC=example carries a DN-valued attribute (member, manager, ...) that points at an object which failed to export itself (dn-attributes-failure). Nothing is wrong with this object: fix the referenced object's own error (it is reported as a finding of its own), and this one clears on the next export.

# Step 1: List the AD connector's export errors to find the referenced object
# csexport.exe runs on the Entra Connect server, from its install folder, and refuses to overwrite a file: each run writes a new csx-*.xml; ingest the newest.
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.example' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e

# Verify 2: After fixing the referenced object, run a delta cycle and check again
# csexport.exe runs on the Entra Connect server, from its install folder, and refuses to overwrite a file: each run writes a new csx-*.xml; ingest the newest.
Start-ADSyncSyncCycle -PolicyType Delta
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.example' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e

# ========================================================================
# existing-object [medium]: An object with that name already exists in AD
# 1 finding(s):
#   - CN=Team Site,OU=Groups,DC=fabrikam,DC=example
# Adding CN=Team Site,OU=Groups,DC=fabrikam,DC=example failed: an object with that name already exists (cd-existing-object). Typical with group or device writeback into an OU that already holds an object of the same name, or a rename onto an existing DN. Decide whether the existing object is the same thing (then let the connector join it) or a different one (then rename or move one of them).

# Step 1: Look at the object that holds the name
Get-ADObject -Identity 'CN=Team Site,OU=Groups,DC=fabrikam,DC=example' -Properties objectClass, objectGUID, whenCreated
# Decision: If it is the same object, a full import lets the connector join it. If it is different, rename or move the existing object (or change the writeback target) and run a delta cycle.

# Step 2: If it is the same object, let the connector re-read AD: a full import on the next cycle
# A full import re-reads what exists in AD. The scheduler runs it for this connector in the next cycle (Set-ADSyncSchedulerConnectorOverride; a direct Invoke-ADSyncRunProfile 'Full Import' fails while a cycle is running). Start-ADSyncSyncCycle returns at once: wait until Get-ADSyncConnectorRunStatus shows nothing running before verifying.
Set-ADSyncSchedulerConnectorOverride -ConnectorName 'fabrikam.example' -FullImportRequired $true
Start-ADSyncSyncCycle -PolicyType Delta

# Verify 3: The add succeeds on the next export
# csexport.exe runs on the Entra Connect server, from its install folder, and refuses to overwrite a file: each run writes a new csx-*.xml; ingest the newest.
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.example' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e

# ========================================================================
# extension-dll-exception [medium]: A rules extension threw an exception during synchronization
# 1 finding(s):
#   - fabrikam
# run 2200 step 1 ended stopped-extension-dll-exception. A rules extension (a custom DLL in the Synchronization Service's Extensions folder) threw an exception; the details the files hold: <extension_detail>

# Step 1: Read the exception in the application event log of the Entra Connect server
# Read-only. Source "ADSync" (or "FIMSynchronizationService"), around 2026-06-16 08:10:00.000.
Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'ADSync' } -MaxEvents 20 | Format-List TimeCreated, Id, Message
# Decision: Fix the extension (or the data that breaks it) with its owner. Entra Connect itself supports no custom rules extensions: if one is installed, it is a leftover of a MIM/FIM setup or a customisation to review.

# Verify 2: The next run of the connector completes
Get-ADSyncRunProfileResult -ConnectorName 'fabrikam.example' -NumberRequested 1
# Placeholder <extension_detail>: the ingested files hold no value for it; fill it in by hand

# ========================================================================
# federated-domain-change [medium]: A user moved from one federated domain to another
# 1 finding(s):
#   - CN={55555555555555555555555555555555}
# Entra ID does not change a synchronized user's UPN suffix from one federated domain to another (FederatedDomainChangeError): the user is fed.mover@fabrikam.example in Entra ID and the sync tries to make it fed.mover@northwind-fed.example. Microsoft's fix: set the cloud UPN to the tenant's initial onmicrosoft.com domain; the next synchronization then sets the new UPN by itself. (Entra ID has since been changed to accept such moves, per its release notes, "UPN suffix changes are now successful between federated domains"; a dump that still shows this error gets the documented two-step fix.)

# Step 1: Move the cloud UPN to the tenant's onmicrosoft.com domain (Microsoft Graph PowerShell)
# The user is addressed by its current cloud UPN. Connect-MgGraph signs in with the one scope the change needs (a new PowerShell session has no Graph connection); an account that may update users (User Administrator) must sign in.
Connect-MgGraph -Scopes 'User.ReadWrite.All'
Update-MgUser -UserId 'fed.mover@fabrikam.example' -UserPrincipalName 'fed.mover@fabrikam.onmicrosoft.com'

# Step 2: Run a delta synchronization cycle: it sets the new UPN
Start-ADSyncSyncCycle -PolicyType Delta

# Verify 3: Entra ID holds the new UPN and the export error is gone
# After the cycle, the user answers to the new UPN with no provisioning error, and a new export-error dump of the Entra connector no longer lists it.
Connect-MgGraph -Scopes 'User.Read.All'
Get-MgUser -UserId 'fed.mover@northwind-fed.example' -Property userPrincipalName,onPremisesProvisioningErrors | Select-Object UserPrincipalName, OnPremisesProvisioningErrors

# ========================================================================
# inheritance-blocked-writeback-denied [medium]: Inheritance is switched off on an object that is not protected
# 1 finding(s):
#   - CN=Hal Locked,OU=Finance,DC=fabrikam,DC=example
# CN=Hal Locked,OU=Finance,DC=fabrikam,DC=example does not inherit permissions from its OU, and the files show no sign that AdminSDHolder protects it (strong: nTSecurityDescriptor.AreAccessRulesProtected is true (corpus/demo/fabrikam/csx-evidence-f0000000-0000-4000-8000-00000000000e.xml:2); adminCount is not set (corpus/demo/fabrikam/csx-evidence-f0000000-0000-4000-8000-00000000000e.xml:2); memberOf and primaryGroupID list its direct groups (corpus/demo/fabrikam/csx-evidence-f0000000-0000-4000-8000-00000000000e.xml:2); nested groups only as far as the files show them): someone switched inheritance off by hand, so the connector account's inherited right to write mS-DS-ConsistencyGuid does not reach it.
# Decision: Re-enable inheritance (the usual fix) unless the block was deliberate, for example to shield a sensitive account from its OU's delegations. Then grant the connector account on this object only (the alternative named in the first step) and leave inheritance off.

# Step 1: Re-enable inheritance on the object
# /P:N marks the ACL as inheriting again; the connector account's inherited grant then applies. Alternative when the block is deliberate: dsacls "<object>" /G "<account>:RPWP;<attribute>" on the object itself, instead of this command.
dsacls 'CN=Hal Locked,OU=Finance,DC=fabrikam,DC=example' /P:N

# Step 2: Run a delta synchronization cycle on the Entra Connect server
Start-ADSyncSyncCycle -PolicyType Delta

# Verify 3: The inherited ACE reached the object
# Expect no "{This object is protected from inheriting permissions from the parent}" line, and "Allow FABRIKAM\MSOL_fab0123456cd SPECIAL ACCESS for mS-DS-ConsistencyGuid <Inherited from parent>" with "WRITE PROPERTY" (or an inherited grant on all properties).
dsacls 'CN=Hal Locked,OU=Finance,DC=fabrikam,DC=example'

# Verify 4: The export error is gone
# A new export-error dump of the AD connector no longer lists CN=Hal Locked,OU=Finance,DC=fabrikam,DC=example, and the next Export step on the connector ends "success".
#
# csexport.exe runs on the Entra Connect server, from its install folder, and refuses to overwrite a file: each run writes a new csx-*.xml; ingest the newest.
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.example' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e

# ========================================================================
# invalid-soft-match [medium]: An object's soft match hits an object that is already linked
# 1 finding(s):
#   - CN={11111111111111111111111111111111}
# Entra ID will not soft-match the object (on-premises: CN=Mia Moss,OU=Sales,DC=fabrikam,DC=example) to the cloud object holding mia@fabrikam.example, because that cloud object is already tied to a different on-premises anchor (InvalidSoftMatch). Every object in the files that holds mia@fabrikam.example: CN=Mia Moss,OU=Sales,DC=fabrikam,DC=example (userPrincipalName mia@fabrikam.example, proxyAddresses SMTP:mia@fabrikam.example; fabrikam.example; corpus/demo/fabrikam/csexport-ad-errors.xml:161), CN={11111111111111111111111111111111} (userPrincipalName mia@fabrikam.example; fabrikam.onmicrosoft.com - AAD; corpus/demo/fabrikam/csexport-aad-errors.xml:4), Mia Moss (cloud) (mail mia@fabrikam.example, proxyAddresses SMTP:mia@fabrikam.example, userPrincipalName mia@fabrikam.example; Entra ID; corpus/demo/fabrikam/graph-users.json:4).
# Decision: Decide which on-premises object should own the cloud object. If the cloud object belonged to an object that was deleted and re-created on-premises, its onPremisesImmutableId must be set to the new object's anchor (or cleared) in Entra ID; otherwise remove the duplicate value from the wrong object. Entra ID accepts a change of onPremisesImmutableId only while the cloud object is not synchronized (onPremisesSyncEnabled false: a cloud-only user, or one whose source left the sync scope and was restored from the recycle bin); on a synchronized object the change is refused. csx does not pick the owner.

# Step 1: Compare the anchors: the on-premises object's objectGUID / mS-DS-ConsistencyGuid against the cloud object's onPremisesImmutableId
# Read-only.
Get-ADObject -Identity 'CN=Mia Moss,OU=Sales,DC=fabrikam,DC=example' -Properties objectGUID, 'mS-DS-ConsistencyGuid', userPrincipalName, proxyAddresses

# Step 2: Look at every holder of the address in the whole forest (global catalog), read-only
# Every domain of the forest: the global catalog holds userPrincipalName, mail and proxyAddresses of all of them.
$address = 'mia@fabrikam.example'
$proxy = 'smtp:' + $address
$gc = (Get-ADDomainController -Discover -Service GlobalCatalog).HostName[0] + ':3268'
Get-ADObject -Server $gc -SearchBase '' -Filter 'userPrincipalName -eq $address -or mail -eq $address -or proxyAddresses -eq $proxy' -Properties userPrincipalName, mail, proxyAddresses

# Step 3: Look for the address in Entra ID and Exchange Online, deleted users included (read-only)
# Cloud-only users, groups and contacts hold addresses no dump shows, and a soft-deleted user keeps its addresses for 30 days. Read scopes only; Get-EXORecipient needs the ExchangeOnlineManagement module and finds what only Exchange holds.
Connect-MgGraph -Scopes 'User.Read.All','Group.Read.All','OrgContact.Read.All'
$address = 'mia@fabrikam.example'
$q = [string][char]39
$v = $address -replace $q, ($q + $q)
$f = 'mail eq ' + $q + $v + $q + ' or proxyAddresses/any(p:p eq ' + $q + 'smtp:' + $v + $q + ')'
Get-MgUser -Filter ('userPrincipalName eq ' + $q + $v + $q + ' or ' + $f) -ConsistencyLevel eventual -CountVariable n -Property id,displayName,userPrincipalName,onPremisesSyncEnabled | Format-Table id,displayName,userPrincipalName,onPremisesSyncEnabled
Get-MgGroup -Filter $f -ConsistencyLevel eventual -CountVariable n | Format-Table id,displayName,mail
Get-MgContact -Filter $f -ConsistencyLevel eventual -CountVariable n | Format-Table id,displayName,mail
Get-MgDirectoryDeletedItemAsUser -All -Property id,displayName,userPrincipalName,proxyAddresses | Where-Object { $_.UserPrincipalName -eq $address -or $_.ProxyAddresses -contains ('smtp:' + $address) } | Format-Table id,displayName,userPrincipalName
Connect-ExchangeOnline -ShowBanner:$false
Get-EXORecipient -Identity $address -ErrorAction SilentlyContinue | Format-Table Name,RecipientTypeDetails,PrimarySmtpAddress

# Step 4: After the change at the source of authority: run a delta synchronization cycle
Start-ADSyncSyncCycle -PolicyType Delta

# Verify 5: The Entra connector no longer reports the error
# A new export-error dump of the Entra connector (csexport.exe, from its install folder; it refuses to overwrite a file, so each run writes a new name) no longer lists the object: ingest it and csx shows the finding resolved.
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.onmicrosoft.com - AAD' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e

# ========================================================================
# large-object [medium]: The object exceeds Entra ID's size limits
# 1 finding(s):
#   - CN={44444444444444444444444444444444}
# Values held in the dump: userCertificate: 17. Entra ID accepts at most 15 userCertificate and 15 userSMIMECertificate values per object, a thumbnailPhoto of at most 100 KB, and a limited number of proxyAddresses.

# Step 1: List the object's certificates with their expiry dates
# Read-only. Expired or superseded certificates are the usual excess.
$user = Get-ADUser -Identity 'CN=Cert Heavy,OU=Sales,DC=fabrikam,DC=example' -Properties userCertificate, userSMIMECertificate
$user.userCertificate | ForEach-Object { [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($_) } | Sort-Object NotAfter | Select-Object NotAfter, Subject, Thumbprint
# Decision: Remove expired certificates (or excess proxy addresses) with the object's owner; csx does not choose which values go.

# Verify 2: After the clean-up and a delta cycle the Entra connector's export error is gone
Start-ADSyncSyncCycle -PolicyType Delta

# ========================================================================
# missing-object [medium]: The exported object or its container no longer exists in AD
# 1 finding(s):
#   - CN=Old Kiosk,OU=Kiosks,DC=fabrikam,DC=example
# The export to CN=Old Kiosk,OU=Kiosks,DC=fabrikam,DC=example fails with "no such object": the object, or the container it should be created in (OU=Kiosks,DC=fabrikam,DC=example), no longer exists where the connector space expects it. Usual causes: the object or OU was deleted or moved outside the synchronized OUs, or a writeback container (device or group writeback) is missing.

# Step 1: Check which of the object and its container still exist
# An error for the object but not for the container means the object moved or was deleted; an error for the container means the OU itself is gone.
Get-ADObject -Identity 'CN=Old Kiosk,OU=Kiosks,DC=fabrikam,DC=example'
Get-ADObject -Identity 'OU=Kiosks,DC=fabrikam,DC=example'

# Step 2: Let the connector space catch up with AD: a full import on the next cycle
# A full import re-reads what exists in AD. The scheduler runs it for this connector in the next cycle (Set-ADSyncSchedulerConnectorOverride; a direct Invoke-ADSyncRunProfile 'Full Import' fails while a cycle is running). Start-ADSyncSyncCycle returns at once: wait until Get-ADSyncConnectorRunStatus shows nothing running before verifying. If the container is a writeback target that should exist, recreate it first.
Set-ADSyncSchedulerConnectorOverride -ConnectorName 'fabrikam.example' -FullImportRequired $true
Start-ADSyncSyncCycle -PolicyType Delta

# Verify 3: No more export errors on the AD connector
# csexport.exe runs on the Entra Connect server, from its install folder, and refuses to overwrite a file: each run writes a new csx-*.xml; ingest the newest.
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.example' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e

# ========================================================================
# object-type-mismatch [medium]: The value belongs to an object of another type
# 1 finding(s):
#   - CN={22222222222222222222222222222222}
# Entra ID refuses the object (on-premises: CN=Sales Desk,OU=Shared,DC=fabrikam,DC=example) because an object of a different type already holds smtp:desk@fabrikam.example (ObjectTypeMismatch: a user against a contact or a group, for example). Every object in the files that holds desk@fabrikam.example: CN=Sales Desk,OU=Shared,DC=fabrikam,DC=example (proxyAddresses SMTP:desk@fabrikam.example; fabrikam.example; corpus/demo/fabrikam/csexport-ad-errors.xml:170).
# Decision: Decide which object keeps desk@fabrikam.example, then remove it from the other one at its source of authority. Converting an object's type is not possible in place: if the cloud object of the other type is obsolete, delete it there. csx does not pick the owner.

# Step 1: Look at the on-premises object
# Read-only.
Get-ADObject -Identity 'CN=Sales Desk,OU=Shared,DC=fabrikam,DC=example' -Properties objectClass, userPrincipalName, mail, proxyAddresses

# Step 2: Look at every holder of the address in the whole forest (global catalog), read-only
# Every domain of the forest: the global catalog holds userPrincipalName, mail and proxyAddresses of all of them.
$address = 'desk@fabrikam.example'
$proxy = 'smtp:' + $address
$gc = (Get-ADDomainController -Discover -Service GlobalCatalog).HostName[0] + ':3268'
Get-ADObject -Server $gc -SearchBase '' -Filter 'userPrincipalName -eq $address -or mail -eq $address -or proxyAddresses -eq $proxy' -Properties userPrincipalName, mail, proxyAddresses

# Step 3: Look for the address in Entra ID and Exchange Online, deleted users included (read-only)
# Cloud-only users, groups and contacts hold addresses no dump shows, and a soft-deleted user keeps its addresses for 30 days. Read scopes only; Get-EXORecipient needs the ExchangeOnlineManagement module and finds what only Exchange holds.
Connect-MgGraph -Scopes 'User.Read.All','Group.Read.All','OrgContact.Read.All'
$address = 'desk@fabrikam.example'
$q = [string][char]39
$v = $address -replace $q, ($q + $q)
$f = 'mail eq ' + $q + $v + $q + ' or proxyAddresses/any(p:p eq ' + $q + 'smtp:' + $v + $q + ')'
Get-MgUser -Filter ('userPrincipalName eq ' + $q + $v + $q + ' or ' + $f) -ConsistencyLevel eventual -CountVariable n -Property id,displayName,userPrincipalName,onPremisesSyncEnabled | Format-Table id,displayName,userPrincipalName,onPremisesSyncEnabled
Get-MgGroup -Filter $f -ConsistencyLevel eventual -CountVariable n | Format-Table id,displayName,mail
Get-MgContact -Filter $f -ConsistencyLevel eventual -CountVariable n | Format-Table id,displayName,mail
Get-MgDirectoryDeletedItemAsUser -All -Property id,displayName,userPrincipalName,proxyAddresses | Where-Object { $_.UserPrincipalName -eq $address -or $_.ProxyAddresses -contains ('smtp:' + $address) } | Format-Table id,displayName,userPrincipalName
Connect-ExchangeOnline -ShowBanner:$false
Get-EXORecipient -Identity $address -ErrorAction SilentlyContinue | Format-Table Name,RecipientTypeDetails,PrimarySmtpAddress

# Step 4: After the change at the source of authority: run a delta synchronization cycle
Start-ADSyncSyncCycle -PolicyType Delta

# Verify 5: The Entra connector no longer reports the error
# A new export-error dump of the Entra connector (csexport.exe, from its install folder; it refuses to overwrite a file, so each run writes a new name) no longer lists the object: ingest it and csx shows the finding resolved.
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.onmicrosoft.com - AAD' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e

# ========================================================================
# orphaned-admincount [medium]: A stale adminCount=1 keeps inheritance off on an account that is no longer protected
# 1 finding(s):
#   - CN=Ivy Former,OU=Ops,DC=fabrikam,DC=example
# CN=Ivy Former,OU=Ops,DC=fabrikam,DC=example has adminCount=1 but is no longer protected (strong: adminCount=1 (corpus/demo/fabrikam/csx-evidence-f0000000-0000-4000-8000-00000000000d.ldf:1); tokenGroups lists every group it is in (corpus/demo/fabrikam/csx-evidence-f0000000-0000-4000-8000-00000000000d.ldf:1)). SDProp set adminCount and turned inheritance off while the account was in a protected group; leaving the group cleared neither, so the connector account's inherited right to write msDS-ExternalDirectoryObjectID still does not reach it. A grant on AdminSDHolder would not help (SDProp no longer copies it onto this object) and would widen the connector account's rights on every protected account of the domain.

# Step 1: Confirm that no protected group holds the account now (read-only)
# The list must name none of Domain Admins, Enterprise Admins, Schema Admins, Administrators, Account, Server, Print or Backup Operators, Replicator, Domain Controllers, Read-only Domain Controllers, Key Admins or Enterprise Key Admins (in any language). If it does, stop: the account is protected and this is AdminSDHolder's case. cmd has no readable form: ingest the ldifde file (csx ingest --tenant fabrikam <file>) and triage again.
(Get-ADObject -Identity 'CN=Ivy Former,OU=Ops,DC=fabrikam,DC=example' -Properties tokenGroups).tokenGroups | ForEach-Object { $_.Translate([System.Security.Principal.NTAccount]).Value }

# Step 2: Clear adminCount on the object
# Requires the ActiveDirectory PowerShell module (RSAT); run it on a domain controller or a management host.
Set-ADObject -Identity 'CN=Ivy Former,OU=Ops,DC=fabrikam,DC=example' -Clear adminCount

# Step 3: Re-enable inheritance on the object
# /P:N marks the ACL as inheriting again; the connector account's inherited grant then applies.
dsacls 'CN=Ivy Former,OU=Ops,DC=fabrikam,DC=example' /P:N

# Step 4: Run a delta synchronization cycle on the Entra Connect server
Start-ADSyncSyncCycle -PolicyType Delta

# Verify 5: The inherited ACE reached the object
# Expect no "{This object is protected from inheriting permissions from the parent}" line, and "Allow FABRIKAM\MSOL_fab0123456cd SPECIAL ACCESS for msDS-ExternalDirectoryObjectID <Inherited from parent>" with "WRITE PROPERTY" (or an inherited grant on all properties).
dsacls 'CN=Ivy Former,OU=Ops,DC=fabrikam,DC=example'

# Verify 6: The export error is gone
# A new export-error dump of the AD connector no longer lists CN=Ivy Former,OU=Ops,DC=fabrikam,DC=example, and the next Export step on the connector ends "success".
#
# csexport.exe runs on the Entra Connect server, from its install folder, and refuses to overwrite a file: each run writes a new csx-*.xml; ingest the newest.
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.example' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e
# Why not AdminSDHolder: A grant on CN=AdminSDHolder,CN=System,DC=fabrikam,DC=example reaches only accounts SDProp protects now; this one it no longer touches. Re-enabling inheritance exposes the object to the ACEs its OU grants (as for any other account there): review them if the account still holds privileges outside the protected groups.

# ========================================================================
# ou-writeback-denied [medium]: The connector account may not write an attribute under this OU
# 1 finding(s):
#   - CN=Nia Ops,OU=Ops,DC=fabrikam,DC=example
# CN=Nia Ops,OU=Ops,DC=fabrikam,DC=example inherits its permissions, yet exporting msExchSafeSendersHash to it is denied (strong: dsacls corpus/demo/fabrikam/csx-dsacls-f0000000-0000-4000-8000-000000000001.txt:1: inheritance is on (3 inherited ACE(s))). The OU, or one above it, lacks the connector account's inheritable grant for user objects (or blocks inheritance from the domain root, where the connector's rights were granted).

# Step 1: Grant the connector account read and write of the attribute for user objects below the OU
# An inheritable, attribute-scoped ACE (/I:S = sub-objects only; RP and WP as ADSyncConfig grants them). Where an OU higher up blocks inheritance, grant there instead: Get-ADSyncObjectsWithInheritanceDisabled -SearchBase '<domain DN>' (ADSyncConfig module) lists candidates.
dsacls 'OU=Ops,DC=fabrikam,DC=example' /I:S /G 'FABRIKAM\MSOL_fab0123456cd:RPWP;msExchSafeSendersHash;user'

# Step 2: Run a delta synchronization cycle
Start-ADSyncSyncCycle -PolicyType Delta

# Verify 3: The inherited ACE reached the object
# Expect "Allow FABRIKAM\MSOL_fab0123456cd SPECIAL ACCESS for msExchSafeSendersHash <Inherited from parent>" and "WRITE PROPERTY".
dsacls 'CN=Nia Ops,OU=Ops,DC=fabrikam,DC=example'

# Verify 4: The export error is gone
# csexport.exe runs on the Entra Connect server, from its install folder, and refuses to overwrite a file: each run writes a new csx-*.xml; ingest the newest.
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.example' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e
# Supported alternative: The ADSyncConfig cmdlet of the feature that writes the attribute, scoped to the OU, grants the same: Set-ADSyncExchangeHybridPermissions, Set-ADSyncMsDsConsistencyGuidPermissions or Set-ADSyncPasswordWritebackPermissions with -ADConnectorAccountName, -ADConnectorAccountDomain and -ADobjectDN (the OU's DN), from the ADSyncConfig module on the Entra Connect server.
# Risk: The grant lets the connector account read and write this one attribute on every user object below OU=Ops,DC=fabrikam,DC=example. To roll back, run the grant step's dsacls command with /R and the account alone in place of /I:S /G and the ACE: /R removes every ACE of that account on the OU, not just this one (re-add the others it needs).

# ========================================================================
# persistent-export-errors [medium]: Export has ended with errors run after run
# 1 finding(s):
#   - fabrikam
# the Export step ended completed-export-errors in 3 consecutive runs, from run 2201 (2026-06-16 08:30:40.000) to run 2207 (2026-06-16 09:30:40.000). The same objects fail on every cycle, and each retry adds to their retry count; the object-level findings in this report give the causes and the commands. This finding measures how long it has lasted (first failing run: 2201).

# Step 1: List what fails now
# Read-only: the connector's current export errors.
#
# csexport.exe runs on the Entra Connect server, from its install folder, and refuses to overwrite a file: each run writes a new csx-*.xml; ingest the newest.
& "$env:ProgramFiles\Microsoft Azure AD Sync\Bin\csexport.exe" 'fabrikam.example' ("csx-export-errors-{0:yyyyMMdd-HHmmss}.xml" -f (Get-Date)) /f:e

# Verify 2: After the object-level fixes, the next Export step ends "success"
Start-ADSyncSyncCycle -PolicyType Delta
Get-ADSyncRunProfileResult -ConnectorName 'fabrikam.example' -NumberRequested 1

# ========================================================================
# unclassified-error [low]: An error no other rule explains
# 1 finding(s):
#   - CN=Tim Skew,OU=Sales,DC=fabrikam,DC=example
# This csexport export error (kerberos-time-skew) matches no rule, so csx proposes no command. The error as the file holds it is above, with the file and line it comes from.
# Next steps: Search the error code and text in Microsoft's troubleshooting articles for Entra Connect (the code as written is kept in the database: error_code_raw). The object's full record is in the csx database (v_problem, v_export_error, v_import_error) and in the source file at the line given.

# ========================================================================
# writeback-denied-cause-unknown [medium]: A writeback export is denied and the files do not show why
# 1 finding(s):
#   - CN=Uma Unknown,OU=Sales,DC=fabrikam,DC=example
# Exporting msDS-KeyCredentialLink to CN=Uma Unknown,OU=Sales,DC=fabrikam,DC=example is denied (Insufficient access rights to perform the operation. (00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0)), and the files do not show why (no protection evidence in the files; no complete membership evidence (no tokenGroups, no memberOf with primaryGroupID, no full dump of the protected groups)). Four causes fit, each with a different fix: the account is protected by AdminSDHolder (grant on AdminSDHolder), it carries a stale adminCount=1 (clear it, re-enable inheritance), inheritance was switched off by hand (re-enable it), or the OU lacks the connector account's grant (grant on the OU). A wrong grant is worse than none: no grant is proposed until the evidence decides.

# Step 1: Save the object's groups, adminCount and ACL (read-only)
# These commands change nothing. tokenGroups lists every group the object is in, nested ones and its primary group included; the dsacls output shows whether it inherits. Copy the files back, ingest them (csx ingest --tenant fabrikam <files>) and triage again: the finding then becomes one of the four.
Get-ADObject -Identity 'CN=Uma Unknown,OU=Sales,DC=fabrikam,DC=example' -Properties adminCount,memberOf,primaryGroupID,objectSid,tokenGroups,nTSecurityDescriptor | Export-Clixml -Path 'csx-evidence-f0000000-0000-4000-8000-00000000000f.xml'
& { 'dsacls "{0}"' -f 'CN=Uma Unknown,OU=Sales,DC=fabrikam,DC=example'; dsacls 'CN=Uma Unknown,OU=Sales,DC=fabrikam,DC=example' } | Out-File -FilePath 'csx-dsacls-f0000000-0000-4000-8000-00000000000f.txt'
# What each outcome means: A protected group by SID in tokenGroups (Domain Admins -512, Enterprise Admins -519, Schema Admins -518, Administrators S-1-5-32-544, the operators groups S-1-5-32-548 to -552 ...): adminsdholder-writeback-denied, grant on CN=AdminSDHolder,CN=System,DC=fabrikam,DC=example. adminCount=1 with no protected group: orphaned-admincount. "protected from inheriting" without either: inheritance-blocked-writeback-denied. Inheritance on: ou-writeback-denied, grant on OU=Sales,DC=fabrikam,DC=example. A full export of the AD connector (csexport "<AD connector>" full.xml, no filter) holding the protected groups with their members settles membership as well.

# csx fix: end of script. A copy without this last line is incomplete: do not run it.
