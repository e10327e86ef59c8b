REM csx fix: remediation for tenant contoso (cmd shell). Review every line before running it.
REM Generated offline from ingested files; nothing here has been run.

REM ========================================================================
REM adminsdholder-writeback-denied [high]: AdminSDHolder blocks a writeback attribute on a protected account
REM 1 finding(s):
REM   - CN=Dana Admin,OU=IT,DC=contoso,DC=com
REM The files point to AdminSDHolder protection of CN=Dana Admin,OU=IT,DC=contoso,DC=com (confirmed: tokenGroups holds S-1-5-21-1004336348-1177238915-682003330-512 (Domain Admins, corpus/demo/contoso/csx-evidence-6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.ldf:8); tokenGroups holds S-1-5-32-544 (Administrators, corpus/demo/contoso/csx-evidence-6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.ldf:9); adminCount=1 (corpus/demo/contoso/csx-evidence-6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.ldf:1); tokenGroups lists every group it is in (corpus/demo/contoso/csx-evidence-6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.ldf:1)). Every hour SDProp copies the ACL of CN=AdminSDHolder,CN=System,DC=contoso,DC=com onto a protected account and turns its inheritance off, so the connector account's inherited right to write msDS-KeyCredentialLink does not reach it and every export fails with 8344 (INSUFF_ACCESS_RIGHTS).

REM Step 1: Grant the connector account write access to the attribute on AdminSDHolder, this object only, on the PDC emulator
REM One attribute-scoped ACE per domain, account and attribute, written on the PDC emulator: SDProp runs there, and would otherwise stamp an ACL that has not replicated to it yet. No /I flag (this object only) and no inherited object type: SDProp copies the ACEs verbatim, and an inherit-only ACE on AdminSDHolder grants the protected accounts nothing. The connector account comes from forest-login-user / forest-login-domain in the connector configuration. The cmd form runs the same two lines through PowerShell, because cmd has no way to look the PDC emulator up that works both pasted and in a script; both need the ActiveDirectory module (RSAT), as ADSyncConfig does.
powershell -NoProfile -Command "$pdc = (Get-ADDomain -Server 'contoso.com').PDCEmulator; dsacls ('\\'+$pdc+'\CN=AdminSDHolder,CN=System,DC=contoso,DC=com') /G 'CONTOSO\MSOL_0123456789ab:WP;msDS-KeyCredentialLink'"

REM Step 2: Make SDProp run now on the PDC emulator of the domain
REM Otherwise the new ACE reaches the protected accounts within 60 minutes. runProtectAdminGroupsTask only works against the PDC emulator.
powershell -NoProfile -Command "$pdc = (Get-ADDomain -Server 'contoso.com').PDCEmulator; $rootDse = [ADSI]('LDAP://' + $pdc + '/RootDSE'); $rootDse.Put('runProtectAdminGroupsTask', '1'); $rootDse.SetInfo()"

REM Step 3: Let the change replicate to the domain controller the connector writes to
REM The AdminSDHolder ACE and the ACLs SDProp rewrote are on the PDC emulator; the connector exports to the domain controller it prefers. Run the delta cycle only once they have replicated there: push them now (below), or wait for the replication interval (seconds within a site, up to the site link's schedule across sites). The verification below, run against that domain controller, shows when they have.
powershell -NoProfile -Command "$pdc = (Get-ADDomain -Server 'contoso.com').PDCEmulator; repadmin /syncall $pdc 'DC=contoso,DC=com' /Pde"

REM Step 4: Run a delta synchronization cycle on the Entra Connect server
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"

REM Verify 5: The ACE reached the protected object
REM Expect a line _Allow CONTOSO\MSOL_0123456789ab SPECIAL ACCESS for msDS-KeyCredentialLink_ (dsacls prints every account as DOMAIN\name with the NetBIOS domain name, whatever form the grant used), followed by _WRITE PROPERTY_, without __Inherited from parent__.
dsacls "CN=Dana Admin,OU=IT,DC=contoso,DC=com"

REM Verify 6: The export error is gone
REM A new export-error dump of the AD connector has no errored object, and the next Export step on the connector ends _success_.
REM
REM csexport.exe runs on the Entra Connect server, from its install folder, and refuses to overwrite a file: each run writes a new csx-*.xml; ingest the newest.
"%ProgramFiles%\Microsoft Azure AD Sync\Bin\csexport.exe" "contoso.com" "csx-export-errors-%RANDOM%%RANDOM%.xml" /f:e
REM Rollback (Remove exactly this ACE from AdminSDHolder on the PDC emulator, then let SDProp carry the removal): not part of this script; csx triage and csx report print its commands.
REM Risk: Microsoft's preferred alternatives come first: cloud-only administrator accounts, or keeping administrators out of the synchronization scope; either removes the error without widening anyone's rights. A grant on AdminSDHolder reaches every protected account of the domain (Domain Admins, Enterprise Admins, Administrators, the operators groups, krbtgt ...): the connector account will be able to write this attribute on all of them. To roll back, use the narrow rollback (it removes this ACE only); dsacls /R with the account would remove every ACE of that account on AdminSDHolder, not just this one, and SDProp then carries either removal to the protected accounts.
REM Shadow Credentials: Write access to msDS-KeyCredentialLink lets whoever controls the connector account add a key credential to any protected account and sign in as it (the _Shadow Credentials_ technique): on AdminSDHolder this grant is a path from the connector account to Domain Admin. Prefer the alternatives above; if administrators must keep Windows Hello for Business key trust, treat the Entra Connect server and its connector account as Tier 0.

REM ========================================================================
REM duplicate-attribute [medium]: Two objects claim the same address (UPN or proxy address)
REM 1 finding(s):
REM   - CN={4F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C}
REM Entra ID refuses smtp:sales@contoso.com (ProxyAddresses,ProxyAddress) because another object already holds it. Every object in the ingested files that holds the address: CN=Lee Clerk,OU=Staff,DC=contoso,DC=com (proxyAddresses smtp:sales@contoso.com; contoso.com; corpus/demo/contoso/csexport-ad-export-errors.xml:37), Sales Desk (userPrincipalName sales@contoso.com; Entra ID; corpus/demo/contoso/graph-provisioning-errors.json:18). The object(s) whose synchronization fails: CN={4F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C}, lee@contoso.com.
REM Decision: A person must decide which object owns sales@contoso.com; csx does not guess. Then remove or change the value on the other object at its source of authority: in on-premises AD for synchronized objects (userPrincipalName, mail, proxyAddresses), in Entra ID or Exchange Online for cloud-only objects. A proxy address may appear once in the whole tenant, across users, groups and contacts, and a UPN may not equal another object's proxy address.

REM Step 1: Look at every holder of the address in the whole forest (global catalog), read-only
REM Every domain of the forest: the global catalog holds userPrincipalName, mail and proxyAddresses of all of them.
dsquery * forestroot -gc -filter "(|(userPrincipalName=sales@contoso.com)(mail=sales@contoso.com)(proxyAddresses=smtp:sales@contoso.com))" -attr distinguishedName objectClass userPrincipalName mail proxyAddresses

REM Step 2: Look for the address in Entra ID and Exchange Online, deleted users included (read-only)
REM Cloud-only users, groups and contacts hold addresses no dump shows, and a soft-deleted user keeps its addresses for 30 days. Read scopes only; Get-EXORecipient needs the ExchangeOnlineManagement module and finds what only Exchange holds.
powershell -NoProfile -Command "Connect-MgGraph -Scopes 'User.Read.All','Group.Read.All','OrgContact.Read.All'; $address = 'sales@contoso.com'; $q = [string][char]39; $v = $address -replace $q, ($q + $q); $f = 'mail eq ' + $q + $v + $q + ' or proxyAddresses/any(p:p eq ' + $q + 'smtp:' + $v + $q + ')'; Get-MgUser -Filter ('userPrincipalName eq ' + $q + $v + $q + ' or ' + $f) -ConsistencyLevel eventual -CountVariable n -Property id,displayName,userPrincipalName,onPremisesSyncEnabled | Format-Table id,displayName,userPrincipalName,onPremisesSyncEnabled; Get-MgGroup -Filter $f -ConsistencyLevel eventual -CountVariable n | Format-Table id,displayName,mail; Get-MgContact -Filter $f -ConsistencyLevel eventual -CountVariable n | Format-Table id,displayName,mail; Get-MgDirectoryDeletedItemAsUser -All -Property id,displayName,userPrincipalName,proxyAddresses | Where-Object { $_.UserPrincipalName -eq $address -or $_.ProxyAddresses -contains ('smtp:' + $address) } | Format-Table id,displayName,userPrincipalName; Connect-ExchangeOnline -ShowBanner:$false; Get-EXORecipient -Identity $address -ErrorAction SilentlyContinue | Format-Table Name,RecipientTypeDetails,PrimarySmtpAddress"

REM Step 3: After the change at the source of authority: run a delta synchronization cycle
powershell -NoProfile -Command "Start-ADSyncSyncCycle -PolicyType Delta"

REM Verify 4: The Entra connector no longer reports the error
REM A new export-error dump of the Entra connector (csexport.exe, from its install folder; it refuses to overwrite a file, so each run writes a new name) no longer lists the object: ingest it and csx shows the finding resolved.
"%ProgramFiles%\Microsoft Azure AD Sync\Bin\csexport.exe" "contoso.onmicrosoft.com - AAD" "csx-export-errors-%RANDOM%%RANDOM%.xml" /f:e

REM csx fix: end of script. A copy without this last line is incomplete: do not run it.
