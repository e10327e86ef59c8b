# Stand-ins for the Windows-only cmdlets the csx collect script calls (tests/unit/cli/
# collect_test.cpp): the ADSync module and the ActiveDirectory module, answering for the contoso
# demo tenant (corpus/demo/contoso). Loaded before the script. Every cmdlet that would write is
# defined too and only leaves a mark in $env:CSX_STANDIN_LOG: the test fails if one is called.

function Write-CsxStandinLog([string]$Line) {
    [System.IO.File]::AppendAllText($env:CSX_STANDIN_LOG, $Line + "`n")
}

function New-CsxTyped($TypeName, [hashtable]$Props) {
    $o = New-Object psobject -Property $Props
    $o.PSObject.TypeNames.Insert(0, $TypeName)
    $o
}

function New-CsxParam([string]$Value) { [pscustomobject]@{ Value = $Value } }

function Get-ADSyncConnector {
    Write-CsxStandinLog 'Get-ADSyncConnector'
    $ad = New-CsxTyped 'Microsoft.IdentityManagement.PowerShell.ObjectModel.Connector' ([ordered]@{
        Name = 'contoso.com'
        Identifier = [guid]'ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d'
        ConnectorTypeName = 'AD'
        Subtype = ''
        ConnectivityParameters = @{
            'forest-name' = (New-CsxParam 'contoso.com')
            'forest-login-user' = (New-CsxParam 'MSOL_0123456789ab')
            'forest-login-domain' = (New-CsxParam 'CONTOSO')
        }
        Partitions = @([pscustomobject]@{ Name = 'DC=contoso,DC=com'; DN = 'DC=contoso,DC=com' })
    })
    $aad = New-CsxTyped 'Microsoft.IdentityManagement.PowerShell.ObjectModel.Connector' ([ordered]@{
        Name = 'contoso.onmicrosoft.com - AAD'
        Identifier = [guid]'b891884f-051e-4a83-95af-2544101c9083'
        ConnectorTypeName = 'Extensible2'
        Subtype = 'Windows Azure Active Directory (Microsoft)'
        ConnectivityParameters = @{ 'UserName' = (New-CsxParam 'Sync_CONTOSO-SYNC01_0123456789ab@contoso.onmicrosoft.com') }
        Partitions = @([pscustomobject]@{ Name = 'default'; DN = 'default' })
    })
    $ad
    $aad
}

# Three Export runs of the AD connector ending completed-export-errors (Dana Admin denied), and
# a delta import of the Entra connector, all within the last day.
function Get-CsxStandinRuns {
    param([switch]$RunStepDetails)
    $now = [DateTime]::UtcNow
    $errors = '<synchronization-errors><export-error cs-guid="{6A1F2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}" dn="CN=Dana Admin,OU=IT,DC=contoso,DC=com"><date-occurred>DATE</date-occurred><first-occurred>2025-05-07 08:14:02.113</first-occurred><retry-count>RETRIES</retry-count><error-type>permission-issue</error-type><cd-error><error-code>0x2098</error-code><error-literal>Insufficient access rights to perform the operation.</error-literal><server-error-detail>00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0</server-error-detail></cd-error></export-error></synchronization-errors>'
    $runs = @()
    for ($i = 3; $i -ge 1; $i--) {
        $start = $now.AddHours(-$i)
        $step = New-CsxTyped 'Microsoft.IdentityManagement.PowerShell.ObjectModel.RunStepResult' ([ordered]@{
            RunHistoryId = [guid]('00000000-0000-4000-8000-00000000000' + $i)
            StepHistoryId = [guid]('10000000-0000-4000-8000-00000000000' + $i)
            StepNumber = 1
            StepResult = 'completed-export-errors'
            StartDate = $start
            EndDate = $start.AddSeconds(2)
            ExportAdd = 0; ExportUpdate = 3; ExportFailure = 1
            StepXml = '<step-type type="export"><export-subtype></export-subtype></step-type><partition>DC=contoso,DC=com</partition>'
            ConnectorConnectionInformationXml = '<connection-result>success</connection-result><server>dc01.contoso.com</server>'
            SyncErrors = [pscustomobject]@{ SyncErrorsXml = $errors.Replace('DATE', $start.ToString('yyyy-MM-dd HH:mm:ss.fff')).Replace('RETRIES', [string](17700 + $i)) }
        })
        $run = New-CsxTyped 'Microsoft.IdentityManagement.PowerShell.ObjectModel.RunProfileResult' ([ordered]@{
            RunHistoryId = [guid]('00000000-0000-4000-8000-00000000000' + $i)
            ConnectorId = [guid]'ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d'
            ConnectorName = 'contoso.com'
            RunProfileId = [guid]'20000000-0000-4000-8000-000000000001'
            RunProfileName = 'Export'
            RunNumber = 48210 - $i
            Username = 'NT SERVICE\ADSync'
            IsRunComplete = $true
            Result = 'completed-export-errors'
            CurrentStepNumber = 1
            TotalSteps = 1
            StartDate = $start
            EndDate = $start.AddSeconds(2)
            RunStepResults = @()
        })
        if ($RunStepDetails) { $run.RunStepResults = @($step) }
        $runs += $run
    }
    if ($env:CSX_STANDIN_FIXED) {
        # After the fix: the next Export of the AD connector succeeds.
        $start = $now.AddMinutes(-10)
        $step = New-CsxTyped 'Microsoft.IdentityManagement.PowerShell.ObjectModel.RunStepResult' ([ordered]@{
            RunHistoryId = [guid]'00000000-0000-4000-8000-000000000004'
            StepHistoryId = [guid]'10000000-0000-4000-8000-000000000004'
            StepNumber = 1; StepResult = 'success'; StartDate = $start; EndDate = $start.AddSeconds(2)
            ExportAdd = 0; ExportUpdate = 1; ExportFailure = 0
            StepXml = '<step-type type="export"><export-subtype></export-subtype></step-type><partition>DC=contoso,DC=com</partition>'
            SyncErrors = [pscustomobject]@{ SyncErrorsXml = '<synchronization-errors></synchronization-errors>' }
        })
        $runs += New-CsxTyped 'Microsoft.IdentityManagement.PowerShell.ObjectModel.RunProfileResult' ([ordered]@{
            RunHistoryId = [guid]'00000000-0000-4000-8000-000000000004'
            ConnectorId = [guid]'ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d'
            ConnectorName = 'contoso.com'; RunProfileName = 'Export'; RunNumber = 48210
            Username = 'NT SERVICE\ADSync'; Result = 'success'
            StartDate = $start; EndDate = $start.AddSeconds(2)
            RunStepResults = @($step)
        })
    }
    $runs += New-CsxTyped 'Microsoft.IdentityManagement.PowerShell.ObjectModel.RunProfileResult' ([ordered]@{
        RunHistoryId = [guid]'00000000-0000-4000-8000-000000000009'
        ConnectorId = [guid]'b891884f-051e-4a83-95af-2544101c9083'
        ConnectorName = 'contoso.onmicrosoft.com - AAD'
        RunProfileName = 'Delta Import'
        RunNumber = 9001
        Username = 'NT SERVICE\ADSync'
        Result = 'success'
        StartDate = $now.AddMinutes(-30)
        EndDate = $now.AddMinutes(-29)
        RunStepResults = @()
    })
    # A run older than the window: the script must leave it out.
    $runs += New-CsxTyped 'Microsoft.IdentityManagement.PowerShell.ObjectModel.RunProfileResult' ([ordered]@{
        RunHistoryId = [guid]'00000000-0000-4000-8000-000000000008'
        ConnectorName = 'contoso.com'
        RunProfileName = 'Export'
        RunNumber = 100
        Result = 'success'
        StartDate = $now.AddDays(-400)
        EndDate = $now.AddDays(-400)
        RunStepResults = @()
    })
    $runs
}

if ($env:CSX_STANDIN_OLD_BUILD) {
    # A build whose Get-ADSyncRunProfileResult has no -RunStepDetails: the steps come from
    # Get-ADSyncRunStepResult, one run at a time.
    function Get-ADSyncRunProfileResult {
        param([guid]$RunHistoryId, [guid]$ConnectorId, [int]$NumberRequested)
        Write-CsxStandinLog 'Get-ADSyncRunProfileResult without -RunStepDetails'
        Get-CsxStandinRuns
    }
    function Get-ADSyncRunStepResult {
        param([guid]$RunHistoryId)
        Write-CsxStandinLog ('Get-ADSyncRunStepResult ' + $RunHistoryId)
        foreach ($r in (Get-CsxStandinRuns -RunStepDetails)) {
            if ($r.RunHistoryId -eq $RunHistoryId) { $r.RunStepResults }
        }
    }
} else {
    function Get-ADSyncRunProfileResult {
        param([switch]$RunStepDetails, [guid]$RunHistoryId, [guid]$ConnectorId, [int]$NumberRequested)
        Write-CsxStandinLog ('Get-ADSyncRunProfileResult RunStepDetails=' + [bool]$RunStepDetails)
        Get-CsxStandinRuns -RunStepDetails:$RunStepDetails
    }
}

if ($env:CSX_STANDIN_NO_COMPRESS) {
    # Compress-Archive as Windows PowerShell 5.1's fails on a member over 2 GB.
    function Compress-Archive { throw [System.IO.IOException]::new('Stream was too long.') }
}

# The configuration export fails as it does without rights on the folder: the collection goes
# on, the manifest says so, and csx takes the connector account from the manifest's connectors.
function Get-ADSyncServerConfiguration {
    param([string]$Path)
    Write-CsxStandinLog 'Get-ADSyncServerConfiguration'
    throw [System.UnauthorizedAccessException]::new("Access to the path '$Path' is denied.")
}

# Dana Admin: a Domain Admin (tokenGroups holds RID 512), adminCount 1.
function Get-ADObject {
    param([string]$Identity, [string[]]$Properties, [string]$Server)
    Write-CsxStandinLog ('Get-ADObject ' + $Identity + ' -Server ' + $Server)
    if ($Identity -ne 'CN=Dana Admin,OU=IT,DC=contoso,DC=com') {
        throw "Cannot find an object with identity: '$Identity' under: 'DC=contoso,DC=com'."
    }
    New-CsxTyped 'Microsoft.ActiveDirectory.Management.ADObject' ([ordered]@{
        DistinguishedName = $Identity
        ObjectClass = 'user'
        adminCount = 1
        primaryGroupID = 513
        objectSid = 'S-1-5-21-1004336348-1177238915-682003330-1104'
        tokenGroups = @('S-1-5-21-1004336348-1177238915-682003330-513',
                        'S-1-5-21-1004336348-1177238915-682003330-512')
    })
}

# Every writing cmdlet the script must never call: each leaves a mark the test looks for.
foreach ($n in 'Start-ADSyncSyncCycle', 'Set-ADSyncScheduler', 'Set-ADSyncSchedulerConnectorOverride',
               'Invoke-ADSyncRunProfile', 'Add-ADSyncConnectorAttributeInclusion', 'Remove-ADSyncConnector',
               'Set-ADSyncConnector', 'Enable-ADSyncExportDeletionThreshold', 'Disable-ADSyncExportDeletionThreshold',
               'Set-ADObject', 'Set-ADUser', 'Remove-ADObject', 'Add-ADGroupMember', 'Set-Acl',
               'Set-ADSyncPasswordHashSyncPermissions', 'Set-ADSyncRestrictedPermissions') {
    $body = [scriptblock]::Create("Write-CsxStandinLog 'WRITE ATTEMPT $n'")
    Set-Item -Path ('function:global:' + $n) -Value $body
}
