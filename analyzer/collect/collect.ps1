# csx collect {{CSX_VERSION}}: gathers, READ-ONLY, everything csx needs from this Entra Connect
# (Azure AD Connect) server into one zip. Paste it into an elevated Windows PowerShell 5.1 console
# (or the RMM agent's PowerShell runner, as SYSTEM or an administrator) on the sync server.
#
# It changes nothing in Active Directory, Entra ID or the sync configuration: it only reads
# (Get-*, csexport, dsacls without /G /R /P, ldifde without -i) and writes files in its own
# output folder. Whatever it cannot read (a missing module, access denied, a tool that fails) is
# recorded in manifest.json inside the zip instead of stopping the collection.
#
# Then: csx triage <the zip>   (README "Collect, triage, fix, verify").
#
# Options chosen when the script was printed (csx collect --days/--full/--object):
$csxCollectVersion = '{{CSX_VERSION}}'
$csxDays = {{DAYS}}
$csxFull = {{FULL}}
$csxExtraObjects = @({{OBJECTS}})

$ErrorActionPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'

# --- Where the files go: a new folder, zipped at the end -------------------------------------
# <TEMP or CSX_COLLECT_OUT>\csx-collect-<server>-<UTC time>\files\..., zipped as <tenant>.zip
# beside it: csx names a tenant after the zip, so every collection of one forest is one tenant.
$csxServer = $env:COMPUTERNAME
if (-not $csxServer) { $csxServer = [System.Environment]::MachineName }
$csxStamp = [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss')
$csxBase = $env:CSX_COLLECT_OUT
if (-not $csxBase) { $csxBase = [System.IO.Path]::GetTempPath() }
$csxName = 'csx-collect-' + ($csxServer -replace '[^A-Za-z0-9._-]', '_') + '-' + $csxStamp
$csxOut = Join-Path $csxBase $csxName
$csxRoot = Join-Path $csxOut 'files'
New-Item -ItemType Directory -Path $csxRoot -Force | Out-Null
foreach ($d in 'csexport', 'run-history', 'config', 'evidence') {
    New-Item -ItemType Directory -Path (Join-Path $csxRoot $d) -Force | Out-Null
}

$csxItems = New-Object System.Collections.ArrayList
$csxConnectors = New-Object System.Collections.ArrayList

# One manifest entry: what was attempted, the command, and how it went.
function Note-CsxItem {
    param([string]$File, [string]$What, [string]$Command, [string]$Status,
          $ExitCode = $null, [string]$Message = '', [string]$Connector = '')
    $item = [ordered]@{
        file = $File; what = $What; command = $Command; status = $Status
        exit_code = $ExitCode; message = $Message
    }
    # A csexport names no connector inside (an empty errors-only dump names nothing): the
    # manifest says whose dump each file is.
    if ($Connector) { $item.connector = $Connector }
    [void]$csxItems.Add($item)
    $line = '[csx collect] {0}: {1}' -f $Status, $What
    if ($Message) { $line += ' - ' + $Message }
    Write-Host $line
}

# A name safe in a file name (connector names hold spaces, dots, braces ...).
function Get-CsxSafeName {
    param([string]$Name)
    $s = $Name -replace '[^A-Za-z0-9._-]', '_'
    if ($s.Length -gt 40) { $s = $s.Substring(0, 40) }
    return $s
}

# A native program's output and exit code; stderr is kept with stdout.
function Get-CsxNativeOutput {
    param([string]$Program, [string[]]$Arguments)
    $out = & $Program @Arguments 2>&1 | ForEach-Object { "$_" }
    return @{ Output = $out; ExitCode = $LASTEXITCODE }
}

function Get-CsxErrorText {
    param($Record)
    $m = "$Record"
    if ($Record.Exception -and $Record.Exception.Message) { $m = $Record.Exception.Message }
    return ($m -replace '\s+', ' ').Trim()
}

# --- The installation ------------------------------------------------------------------------
# CSX_COLLECT_SYNC_BIN replaces the search (test stand-ins); the manifest says when it was used.
$csxBin = $null
$csxBinSource = $null
if ($env:CSX_COLLECT_SYNC_BIN) {
    $csxBin = $env:CSX_COLLECT_SYNC_BIN
    $csxBinSource = 'CSX_COLLECT_SYNC_BIN environment variable'
} else {
    try {
        $p = (Get-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Services\ADSync\Parameters' -ErrorAction Stop).Path
        if ($p -and (Test-Path -LiteralPath (Join-Path $p 'Bin\csexport.exe'))) {
            $csxBin = Join-Path $p 'Bin'
            $csxBinSource = 'registry HKLM\SYSTEM\CurrentControlSet\Services\ADSync\Parameters Path'
        }
    } catch { }
    if (-not $csxBin) {
        foreach ($root in @($env:ProgramFiles, ${env:ProgramFiles(x86)})) {
            if (-not $root) { continue }
            $c = Join-Path $root 'Microsoft Azure AD Sync\Bin'
            if (Test-Path -LiteralPath (Join-Path $c 'csexport.exe')) {
                $csxBin = $c
                $csxBinSource = 'Program Files'
                break
            }
        }
    }
}
$csxCsexport = $null
if ($csxBin) {
    $csxCsexport = Join-Path $csxBin 'csexport.exe'
    Note-CsxItem -What 'Entra Connect installation' -Command $csxBin -Status 'ok' -Message $csxBinSource
} else {
    Note-CsxItem -What 'Entra Connect installation' -Command 'registry ADSync\Parameters Path; Program Files\Microsoft Azure AD Sync\Bin' -Status 'failed' -Message 'csexport.exe not found: is this the Entra Connect server?'
}

# The ADSync module (loaded by the Windows PowerShell 5.1 module path, else from the Bin folder).
if (-not (Get-Command Get-ADSyncConnector -ErrorAction SilentlyContinue)) {
    try { Import-Module ADSync -ErrorAction Stop } catch {
        if ($csxBin) {
            try { Import-Module (Join-Path $csxBin 'ADSync\ADSync.psd1') -ErrorAction Stop } catch { }
        }
    }
}
$csxAdsyncVersion = $null
try {
    $m = Get-Module ADSync
    if ($m) { $csxAdsyncVersion = $m.Version.ToString() }
    if ($csxBin) {
        $miis = Join-Path $csxBin 'miiserver.exe'
        if (Test-Path -LiteralPath $miis) { $csxAdsyncVersion = (Get-Item -LiteralPath $miis).VersionInfo.FileVersion }
    }
} catch { }

# --- Connectors ------------------------------------------------------------------------------
$csxAdsync = [bool](Get-Command Get-ADSyncConnector -ErrorAction SilentlyContinue)
$connectors = @()
if ($csxAdsync) {
    try {
        $connectors = @(Get-ADSyncConnector -ErrorAction Stop)
        Note-CsxItem -What 'connectors' -Command 'Get-ADSyncConnector' -Status 'ok' -Message ('{0} connector(s)' -f $connectors.Count)
    } catch {
        Note-CsxItem -What 'connectors' -Command 'Get-ADSyncConnector' -Status 'failed' -Message (Get-CsxErrorText $_)
    }
} else {
    Note-CsxItem -What 'connectors' -Command 'Get-ADSyncConnector' -Status 'failed' -Message 'the ADSync module is not available (run on the Entra Connect server, in Windows PowerShell 5.1)'
}

function Get-CsxParameter {
    param($Connector, [string]$Name)
    try {
        $p = $Connector.ConnectivityParameters[$Name]
        if ($p -and $p.Value) { return [string]$p.Value }
    } catch { }
    return ''
}

$index = 0
$csxAdErrorFiles = New-Object System.Collections.ArrayList
foreach ($c in $connectors) {
    $index++
    $name = [string]$c.Name
    $id = [string]$c.Identifier
    $type = [string]$c.ConnectorTypeName
    $subtype = [string]$c.Subtype
    $partitions = @()
    try { $partitions = @($c.Partitions | ForEach-Object { if ($_.DN) { [string]$_.DN } else { [string]$_.Name } } | Where-Object { $_ -match '(?i)^DC=|,DC=' }) } catch { }
    [void]$csxConnectors.Add([ordered]@{
        name = $name; id = $id; type = $type; subtype = $subtype
        login_user = (Get-CsxParameter $c 'forest-login-user')
        login_domain = (Get-CsxParameter $c 'forest-login-domain')
        forest_name = (Get-CsxParameter $c 'forest-name')
        aad_user_name = (Get-CsxParameter $c 'UserName')
        partitions = $partitions
    })
    $safe = '{0:D2}-{1}' -f $index, (Get-CsxSafeName $name)
    $jobs = @(@{ Suffix = 'errors'; Filter = @('/f:e'); What = 'export errors' })
    if ($csxFull) { $jobs += @{ Suffix = 'full'; Filter = @(); What = 'whole connector space' } }
    foreach ($j in $jobs) {
        $rel = 'csexport/{0}-{1}.xml' -f $safe, $j.Suffix
        $file = Join-Path $csxRoot $rel
        $cmdText = ('csexport.exe "{0}" "{1}" {2}' -f $name, $rel, ($j.Filter -join ' ')).Trim()
        $what = 'csexport of connector ''{0}'' ({1})' -f $name, $j.What
        if (-not $csxCsexport) {
            Note-CsxItem -File $rel -What $what -Connector $name -Command $cmdText -Status 'failed' -Message 'csexport.exe not found'
            continue
        }
        try {
            $r = Get-CsxNativeOutput $csxCsexport (@($name, $file) + $j.Filter)
            if ($r.ExitCode -eq 0 -and (Test-Path -LiteralPath $file)) {
                Note-CsxItem -File $rel -What $what -Connector $name -Command $cmdText -Status 'ok' -ExitCode $r.ExitCode
                if ($type -eq 'AD' -and $j.Suffix -eq 'errors') { [void]$csxAdErrorFiles.Add($file) }
            } else {
                $msg = (@($r.Output) -join ' ').Trim()
                if (-not (Test-Path -LiteralPath $file)) { $msg = ('no file written. ' + $msg).Trim() }
                Note-CsxItem -File $rel -What $what -Connector $name -Command $cmdText -Status 'failed' -ExitCode $r.ExitCode -Message $msg
            }
        } catch {
            Note-CsxItem -File $rel -What $what -Connector $name -Command $cmdText -Status 'failed' -Message (Get-CsxErrorText $_)
        }
    }
}

# --- Run history -----------------------------------------------------------------------------
# One CLIXML file of RunProfileResult objects with their RunStepResults inside (step details:
# the export errors, connection results and counters of each step).
$rel = 'run-history/run-profile-results.xml'
$what = 'run history of the last {0} day(s)' -f $csxDays
$rp = Get-Command Get-ADSyncRunProfileResult -ErrorAction SilentlyContinue
if (-not $rp) {
    Note-CsxItem -File $rel -What $what -Command 'Get-ADSyncRunProfileResult' -Status 'failed' -Message 'Get-ADSyncRunProfileResult is not available (ADSync module missing or too old)'
} else {
    $since = [DateTime]::UtcNow.AddDays(-$csxDays)
    $withSteps = $rp.Parameters.ContainsKey('RunStepDetails')
    $cmdText = 'Get-ADSyncRunProfileResult'
    if ($withSteps) { $cmdText += ' -RunStepDetails' }
    $cmdText += (' | Where-Object StartDate -ge (UTC now - {0} days) | Export-Clixml -Depth 5' -f $csxDays)
    try {
        if ($withSteps) { $runs = @(Get-ADSyncRunProfileResult -RunStepDetails -ErrorAction Stop) }
        else { $runs = @(Get-ADSyncRunProfileResult -ErrorAction Stop) }
        $runs = @($runs | Where-Object { $_.StartDate -and ([DateTime]$_.StartDate) -ge $since })
        $stepCmd = Get-Command Get-ADSyncRunStepResult -ErrorAction SilentlyContinue
        if (-not $withSteps -and $stepCmd) {
            # Older builds: the steps come from Get-ADSyncRunStepResult, one run at a time.
            $cmdText += '; steps: Get-ADSyncRunStepResult -RunHistoryId'
            $runs = @($runs | ForEach-Object {
                $run = $_
                $steps = @()
                try { $steps = @(Get-ADSyncRunStepResult -RunHistoryId $run.RunHistoryId -ErrorAction Stop) } catch { }
                [pscustomobject]@{
                    PSTypeName = 'csx.RunProfileResult'
                    RunHistoryId = $run.RunHistoryId; ConnectorId = $run.ConnectorId
                    ConnectorName = $run.ConnectorName; RunProfileId = $run.RunProfileId
                    RunProfileName = $run.RunProfileName; RunNumber = $run.RunNumber
                    Username = $run.Username; IsRunComplete = $run.IsRunComplete; Result = $run.Result
                    StartDate = $run.StartDate; EndDate = $run.EndDate; RunStepResults = $steps
                }
            })
        }
        $runs | Export-Clixml -Path (Join-Path $csxRoot $rel) -Depth 5
        Note-CsxItem -File $rel -What $what -Command $cmdText -Status 'ok' -Message ('{0} run(s)' -f $runs.Count)
    } catch {
        Note-CsxItem -File $rel -What $what -Command $cmdText -Status 'failed' -Message (Get-CsxErrorText $_)
    }
}

# --- Server configuration (connectors with their accounts, partitions, sync rules) -----------
$rel = 'config'
$cmdText = 'Get-ADSyncServerConfiguration -Path "config"'
if (Get-Command Get-ADSyncServerConfiguration -ErrorAction SilentlyContinue) {
    try {
        Get-ADSyncServerConfiguration -Path (Join-Path $csxRoot $rel) -ErrorAction Stop | Out-Null
        Note-CsxItem -File $rel -What 'server configuration' -Command $cmdText -Status 'ok'
    } catch {
        Note-CsxItem -File $rel -What 'server configuration' -Command $cmdText -Status 'failed' -Message (Get-CsxErrorText $_)
    }
} else {
    Note-CsxItem -File $rel -What 'server configuration' -Command $cmdText -Status 'failed' -Message 'Get-ADSyncServerConfiguration is not available (ADSync module missing)'
}

# --- Protection evidence for every AD object whose export was denied -------------------------
# What csx counts as a permission error: LDAP 8344 (0x2098, 0x80072098), error-type
# permission-issue, or INSUFF_ACCESS_RIGHTS in the server's error detail.
function Test-CsxPermissionError {
    param($Node)
    if (-not $Node) { return $false }
    # error-type: an attribute (of export-errordetail or export-error) or an element.
    $type = ''
    foreach ($t in $Node.SelectNodes('descendant-or-self::*/@error-type | .//error-type')) { $type += ' ' + $t.InnerText }
    if ($type -match 'permission-issue') { return $true }
    $detail = $Node.SelectSingleNode('.//server-error-detail')
    if ($detail -and $detail.InnerText -match 'INSUFF_ACCESS_RIGHTS') { return $true }
    $code = $Node.SelectSingleNode('.//error-code')
    if ($code) {
        $t = $code.InnerText.Trim()
        $n = $null
        try {
            if ($t -match '^0[xX]([0-9A-Fa-f]+)$') { $n = [Convert]::ToInt64($Matches[1], 16) -band 0xFFFF }
            elseif ($t -match '^\d+$') { $n = [int64]$t }
        } catch { }
        if ($n -eq 8344) { return $true }
    }
    return $false
}

$csxObjects = New-Object System.Collections.ArrayList
foreach ($f in $csxAdErrorFiles) {
    try {
        $settings = New-Object System.Xml.XmlReaderSettings
        $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
        $settings.XmlResolver = $null
        $reader = [System.Xml.XmlReader]::Create($f, $settings)
        try {
            while ($reader.ReadToFollowing('cs-object')) {
                $dn = $reader.GetAttribute('cs-dn')
                $doc = New-Object System.Xml.XmlDocument
                $doc.Load($reader.ReadSubtree())
                $detail = $doc.SelectSingleNode('//export-errordetail')
                if ($dn -and (Test-CsxPermissionError $detail) -and -not $csxObjects.Contains($dn)) {
                    [void]$csxObjects.Add($dn)
                }
            }
        } finally { $reader.Close() }
    } catch {
        Note-CsxItem -File '' -What ('permission errors in {0}' -f (Split-Path -Leaf $f)) -Command 'System.Xml.XmlReader' -Status 'failed' -Message (Get-CsxErrorText $_)
    }
}
foreach ($dn in $csxExtraObjects) {
    if ($dn -and -not $csxObjects.Contains($dn)) { [void]$csxObjects.Add($dn) }
}

# The domain of a DN: its DC= components (DN and DNS name).
function Get-CsxDomain {
    param([string]$Dn)
    $parts = @([regex]::Matches($Dn, '(?i)(?:^|,)\s*DC=((?:[^,\\]|\\.)+)') | ForEach-Object { $_.Groups[1].Value })
    if ($parts.Count -eq 0) { return $null }
    return @{ Dn = (($parts | ForEach-Object { 'DC=' + $_ }) -join ','); Dns = ($parts -join '.') }
}

$csxAdModule = [bool](Get-Command Get-ADObject -ErrorAction SilentlyContinue)
if (-not $csxAdModule) {
    try { Import-Module ActiveDirectory -ErrorAction Stop; $csxAdModule = [bool](Get-Command Get-ADObject -ErrorAction SilentlyContinue) } catch { }
}
$csxDsacls = Get-Command dsacls -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
$csxLdifde = Get-Command ldifde -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
$csxProps = 'adminCount,memberOf,primaryGroupID,objectSid,tokenGroups,nTSecurityDescriptor'
$csxDnStart = '^[A-Za-z][A-Za-z0-9-]*='
$csxLdifAttrs = 'objectClass,sAMAccountName,adminCount,memberOf,primaryGroupID,objectSid,tokenGroups'

# dsacls "<DN>" into a file that starts with the command line (csx reads the object from it).
function Get-CsxDsacls {
    param([string]$Dn, [string]$Rel, [string]$What)
    $cmdText = 'dsacls "{0}"' -f $Dn
    if (-not $csxDsacls) {
        Note-CsxItem -File $Rel -What $What -Command $cmdText -Status 'failed' -Message 'dsacls.exe not found (RSAT AD DS tools)'
        return
    }
    if ($Dn.Contains('"')) {
        Note-CsxItem -File $Rel -What $What -Command $cmdText -Status 'skipped' -Message 'the DN holds a double quote, which Windows PowerShell 5.1 does not pass intact to dsacls'
        return
    }
    if ($Dn -notmatch $csxDnStart) {
        # dsacls would read a leading / or - as a switch (/G grants): only DNs reach it.
        Note-CsxItem -File $Rel -What $What -Command $cmdText -Status 'skipped' -Message 'not a DN (it does not start with attribute=)'
        return
    }
    try {
        $r = Get-CsxNativeOutput $csxDsacls.Source @($Dn)
        $text = @($cmdText) + @($r.Output)
        $text | Out-File -FilePath (Join-Path $csxRoot $Rel) -Encoding Unicode
        $status = 'ok'; $msg = ''
        if ($r.ExitCode -ne 0) { $status = 'failed'; $msg = (@($r.Output) -join ' ').Trim() }
        Note-CsxItem -File $Rel -What $What -Command $cmdText -Status $status -ExitCode $r.ExitCode -Message $msg
    } catch {
        Note-CsxItem -File $Rel -What $What -Command $cmdText -Status 'failed' -Message (Get-CsxErrorText $_)
    }
}

$csxDomains = New-Object System.Collections.ArrayList
$n = 0
foreach ($dn in $csxObjects) {
    $n++
    $tag = '{0:D3}' -f $n
    $dom = Get-CsxDomain $dn
    if ($dom -and -not $csxDomains.Contains($dom.Dn)) { [void]$csxDomains.Add($dom.Dn) }
    $label = 'object ''{0}''' -f $dn

    # ActiveDirectory module: the object with its groups, adminCount, SID and ACL protection.
    $rel = 'evidence/object-{0}.xml' -f $tag
    $cmdText = 'Get-ADObject -Identity ''{0}'' -Properties {1}' -f ($dn -replace "'", "''"), $csxProps
    if ($dom) { $cmdText += ' -Server ' + $dom.Dns }
    if ($csxAdModule) {
        try {
            $args1 = @{ Identity = $dn; Properties = $csxProps.Split(','); ErrorAction = 'Stop' }
            if ($dom) { $args1.Server = $dom.Dns }
            $o = Get-ADObject @args1
            $o | Export-Clixml -Path (Join-Path $csxRoot $rel)
            Note-CsxItem -File $rel -What ('{0}: groups, adminCount, SID' -f $label) -Command $cmdText -Status 'ok'
        } catch {
            Note-CsxItem -File $rel -What ('{0}: groups, adminCount, SID' -f $label) -Command $cmdText -Status 'failed' -Message (Get-CsxErrorText $_)
        }
    } else {
        Note-CsxItem -File $rel -What ('{0}: groups, adminCount, SID' -f $label) -Command $cmdText -Status 'failed' -Message 'the ActiveDirectory module is not installed (RSAT-AD-PowerShell)'
    }

    # ldifde, base scope: tokenGroups (transitive groups by SID) even without the module.
    $rel = 'evidence/object-{0}.ldf' -f $tag
    $cmdText = 'ldifde -f "{0}" -d "{1}" -p base -l "{2}"' -f $rel, $dn, $csxLdifAttrs
    if ($dom) { $cmdText += ' -s ' + $dom.Dns }
    if (-not $csxLdifde) {
        Note-CsxItem -File $rel -What ('{0}: LDIF' -f $label) -Command $cmdText -Status 'failed' -Message 'ldifde.exe not found (RSAT AD DS tools)'
    } elseif ($dn.Contains('"')) {
        Note-CsxItem -File $rel -What ('{0}: LDIF' -f $label) -Command $cmdText -Status 'skipped' -Message 'the DN holds a double quote, which Windows PowerShell 5.1 does not pass intact to ldifde'
    } elseif ($dn -notmatch $csxDnStart) {
        Note-CsxItem -File $rel -What ('{0}: LDIF' -f $label) -Command $cmdText -Status 'skipped' -Message 'not a DN (it does not start with attribute=)'
    } else {
        try {
            $la = @('-f', (Join-Path $csxRoot $rel), '-d', $dn, '-p', 'base', '-l', $csxLdifAttrs)
            if ($dom) { $la += @('-s', $dom.Dns) }
            $r = Get-CsxNativeOutput $csxLdifde.Source $la
            $status = 'ok'; $msg = ''
            if ($r.ExitCode -ne 0 -or -not (Test-Path -LiteralPath (Join-Path $csxRoot $rel))) { $status = 'failed'; $msg = (@($r.Output) -join ' ').Trim() }
            Note-CsxItem -File $rel -What ('{0}: LDIF' -f $label) -Command $cmdText -Status $status -ExitCode $r.ExitCode -Message $msg
        } catch {
            Note-CsxItem -File $rel -What ('{0}: LDIF' -f $label) -Command $cmdText -Status 'failed' -Message (Get-CsxErrorText $_)
        }
    }

    Get-CsxDsacls -Dn $dn -Rel ('evidence/dsacls-object-{0}.txt' -f $tag) -What ('{0}: ACL' -f $label)
}
$n = 0
foreach ($d in $csxDomains) {
    $n++
    Get-CsxDsacls -Dn ('CN=AdminSDHolder,CN=System,' + $d) -Rel ('evidence/dsacls-adminsdholder-{0:D2}.txt' -f $n) -What ('AdminSDHolder of {0}: ACL' -f $d)
}

# --- Manifest and zip ------------------------------------------------------------------------
$manifest = [ordered]@{
    csx_collect = 1
    csx_version = $csxCollectVersion
    powershell_version = $PSVersionTable.PSVersion.ToString()
    adsync_version = $csxAdsyncVersion
    server = $csxServer
    collected_utc = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ss.fffZ')
    options = [ordered]@{ days = $csxDays; full = [bool]$csxFull; objects = @($csxExtraObjects) }
    install = [ordered]@{ bin = $csxBin; source = $csxBinSource }
    connectors = @($csxConnectors)
    items = @($csxItems)
}
$json = $manifest | ConvertTo-Json -Depth 6
[System.IO.File]::WriteAllText((Join-Path $csxRoot 'manifest.json'), $json, (New-Object System.Text.UTF8Encoding($false)))

# The zip is named after the AD forest (the tenant csx files it under), else the server.
$csxTenant = $csxServer
foreach ($c in $csxConnectors) {
    if ($c.type -eq 'AD' -and $c.forest_name) { $csxTenant = $c.forest_name; break }
}
$csxZip = Join-Path $csxOut ((Get-CsxSafeName $csxTenant) + '.zip')
try {
    # The manifest first (Compress-Archive puts folders before files; -Update appends): csx
    # then knows whose dump each csexport is as it reads it.
    $rest = @(Get-ChildItem -LiteralPath $csxRoot | Where-Object { $_.Name -ne 'manifest.json' } | ForEach-Object { $_.FullName })
    Compress-Archive -LiteralPath (Join-Path $csxRoot 'manifest.json') -DestinationPath $csxZip -ErrorAction Stop
    if ($rest.Count -gt 0) { Compress-Archive -LiteralPath $rest -DestinationPath $csxZip -Update -ErrorAction Stop }
    Write-Host ('[csx collect] done: {0}' -f $csxZip)
    Write-Host '[csx collect] copy it back and run: csx triage <that zip>'
} catch {
    # Windows PowerShell 5.1's Compress-Archive fails on a member over 2 GB (the full connector
    # space of a large forest): .NET's ZipFile writes zip64, in the same order.
    $why = Get-CsxErrorText $_
    try {
        [void][System.Reflection.Assembly]::LoadWithPartialName('System.IO.Compression.FileSystem')
        $dir = Join-Path $csxOut 'zip64'
        New-Item -ItemType Directory -Path $dir -Force | Out-Null
        $csxZip = Join-Path $dir ((Get-CsxSafeName $csxTenant) + '.zip')
        $manifestPath = Join-Path $csxRoot 'manifest.json'
        $files = @(Get-Item -LiteralPath $manifestPath) + @(Get-ChildItem -LiteralPath $csxRoot -Recurse -File | Where-Object { $_.FullName -ne $manifestPath })
        $zip = [System.IO.Compression.ZipFile]::Open($csxZip, [System.IO.Compression.ZipArchiveMode]::Create)
        try {
            foreach ($f in $files) {
                $entry = $f.FullName.Substring($csxRoot.Length).TrimStart('\', '/').Replace('\', '/')
                [void][System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $f.FullName, $entry)
            }
        } finally { $zip.Dispose() }
        Write-Host ('[csx collect] Compress-Archive failed ({0}); zipped with .NET instead' -f $why)
        Write-Host ('[csx collect] done: {0}' -f $csxZip)
        Write-Host '[csx collect] copy it back and run: csx triage <that zip>'
    } catch {
        Write-Host ('[csx collect] could not zip the folder ({0}; {1}); copy the folder instead: {2}' -f $why, (Get-CsxErrorText $_), $csxRoot)
    }
}
