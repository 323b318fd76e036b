<#
.SYNOPSIS
    Installs (or updates) DVC Kiosk on a Windows 10/11 PC as an appliance.

.DESCRIPTION
    - Copies the bundle to "%ProgramFiles%\DVC Kiosk" (the previous one kept as "... (previous)").
    - Creates a dedicated local standard account (default "dvc-kiosk") and signs it in
      automatically at power-on (Sysinternals Autologon if present, else the Winlogon keys).
    - Detects the Windows edition:
        Enterprise / Education / IoT Enterprise: enables Shell Launcher and makes the kiosk the
          account's shell (no Explorer, no Start menu, no taskbar); the shell is restarted when it
          exits. Enables Keyboard Filter and blocks Ctrl+Alt+Del, Win+L, Win, Alt+Tab, Alt+F4,
          Ctrl+Esc, Ctrl+Shift+Esc for that account.
        Home / Pro: Shell Launcher and Keyboard Filter do not exist. The kiosk starts at logon
          with a watchdog (scheduled task) that restarts it within ~2 s, Task Manager / lock /
          switch user are disabled by policy, and the script says plainly what stays open.
    - Runs the kiosk's self-test.

    UNTESTED ON REAL WINDOWS: it was written without a Windows machine to run it on. Try it on
    one PC first and read its output (deploy\README.md, "Windows").

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File install.ps1 -Bundle .\dvc-kiosk
#>
[CmdletBinding()]
param(
    [string]$Bundle = (Join-Path $PSScriptRoot 'dvc-kiosk'),
    [string]$KioskUser = 'dvc-kiosk',
    [SecureString]$KioskPassword,
    [switch]$NoAutoLogon
)
Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

function Say([string]$Text) { Write-Host "== $Text" -ForegroundColor Cyan }
function Warn([string]$Text) { Write-Host "!! $Text" -ForegroundColor Yellow }

# ----- checks ---------------------------------------------------------------------------
$principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this script in PowerShell "as administrator".'
}
$exe = Join-Path $Bundle 'dvc-kiosk.exe'
if (-not (Test-Path $exe)) { throw "No dvc-kiosk.exe in $Bundle (build it with scripts\build_bundle.sh on Windows)." }

$target = Join-Path $env:ProgramFiles 'DVC Kiosk'
$kioskExe = Join-Path $target 'dvc-kiosk.exe'
$debugExe = Join-Path $target 'dvc-kiosk-debug.exe'
$dataDir = Join-Path $env:ProgramData 'DVC Kiosk'

# ----- program files --------------------------------------------------------------------
Say "Program in $target"
Get-Process -Name 'dvc-kiosk' -ErrorAction SilentlyContinue | Stop-Process -Force
New-Item -ItemType Directory -Force -Path $dataDir | Out-Null
New-Item -ItemType File -Force -Path (Join-Path $dataDir 'pause-watchdog') | Out-Null
Start-Sleep -Seconds 2
$previous = "$target (previous)"
if (Test-Path $target) {
    if (Test-Path $previous) { Remove-Item -Recurse -Force $previous }
    Rename-Item $target $previous
}
Copy-Item -Recurse $Bundle $target
Copy-Item (Join-Path $PSScriptRoot 'watchdog.ps1') $target -Force

# ----- the kiosk account ----------------------------------------------------------------
Say "Account '$KioskUser'"
if (-not $KioskPassword) {
    $KioskPassword = Read-Host -AsSecureString "Password for the new account '$KioskUser' (kept for automatic sign-in)"
}
$existing = Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue
if (-not $existing) {
    New-LocalUser -Name $KioskUser -Password $KioskPassword -FullName 'DVC Kiosk' `
        -Description 'Runs the DVC Kiosk only' -PasswordNeverExpires -AccountNeverExpires `
        -UserMayNotChangePassword | Out-Null
    Add-LocalGroupMember -Group (Get-LocalGroup -SID 'S-1-5-32-545') -Member $KioskUser  # Users
} else {
    Set-LocalUser -Name $KioskUser -Password $KioskPassword
}
$sid = (Get-LocalUser -Name $KioskUser).SID.Value

if (-not $NoAutoLogon) {
    Say 'Automatic sign-in at power-on'
    $plain = [Runtime.InteropServices.Marshal]::PtrToStringBSTR(
        [Runtime.InteropServices.Marshal]::SecureStringToBSTR($KioskPassword))
    $autologon = Get-Command 'Autologon64.exe', 'Autologon.exe' -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($autologon) {
        # Sysinternals Autologon keeps the password as an LSA secret, not in clear.
        & $autologon.Source /accepteula $KioskUser $env:COMPUTERNAME $plain | Out-Null
    } else {
        Warn 'Sysinternals Autologon not found: the password goes to the Winlogon registry keys (readable by administrators). Put Autologon64.exe on PATH and run again to avoid that.'
        $winlogon = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'
        Set-ItemProperty $winlogon -Name AutoAdminLogon -Value '1'
        Set-ItemProperty $winlogon -Name DefaultUserName -Value $KioskUser
        Set-ItemProperty $winlogon -Name DefaultDomainName -Value $env:COMPUTERNAME
        Set-ItemProperty $winlogon -Name DefaultPassword -Value $plain
    }
    $plain = $null
}

# ----- the site config folder: the token is not for every local user -------------------
# `provision` writes C:\ProgramData\dvc-kiosk\dvc-kiosk\kiosk.toml (with the sync token). By
# default ProgramData lets every local user read; this folder gets its own ACL instead:
# Administrators (S-1-5-32-544) and SYSTEM (S-1-5-18) full control, the kiosk account read.
$siteConfig = Join-Path $env:ProgramData 'dvc-kiosk'
Say "Config folder $siteConfig (administrators, SYSTEM and '$KioskUser' only)"
New-Item -ItemType Directory -Force -Path (Join-Path $siteConfig 'dvc-kiosk') | Out-Null
& icacls $siteConfig /inheritance:r /grant:r '*S-1-5-32-544:(OI)(CI)F' '*S-1-5-18:(OI)(CI)F' "*${sid}:(OI)(CI)RX" /T /C | Out-Null
if ($LASTEXITCODE -ne 0) { Warn "icacls could not restrict $siteConfig (exit $LASTEXITCODE): local users may read the sync token." }

# ----- edition: what can be locked ------------------------------------------------------
$edition = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion').EditionID
Say "Windows edition: $edition"
$lockable = $edition -match '^(Enterprise|EnterpriseS|Education|IoTEnterprise|IoTEnterpriseS)$'
$notLocked = @()
$rebootNeeded = $false

if ($lockable) {
    foreach ($feature in 'Client-EmbeddedShellLauncher', 'Client-KeyboardFilter') {
        $state = (Get-WindowsOptionalFeature -Online -FeatureName $feature).State
        if ($state -ne 'Enabled') {
            Say "Enabling $feature"
            $result = Enable-WindowsOptionalFeature -Online -FeatureName $feature -All -NoRestart
            if ($result.RestartNeeded) { $rebootNeeded = $true }
        }
    }
    if ($rebootNeeded) {
        Warn 'Windows must restart to finish enabling Shell Launcher / Keyboard Filter. Restart, then run this script again to configure them.'
    } else {
        Say 'Shell Launcher: the kiosk is the shell of the kiosk account'
        $shell = [wmiclass]'\\localhost\root\standardcimv2\embedded:WESL_UserSetting'
        $restartShell = 0  # when the kiosk exits: start it again
        $shell.SetDefaultShell('explorer.exe', $restartShell) | Out-Null  # everyone else: Explorer
        try { $shell.RemoveCustomShell($sid) | Out-Null } catch { }
        $shell.SetCustomShell($sid, "`"$kioskExe`" run", $null, $null, $restartShell) | Out-Null
        $shell.SetEnabled($true) | Out-Null

        Say 'Keyboard Filter: blocking system keys for the kiosk account'
        $ns = 'root\standardcimv2\embedded'
        foreach ($id in 'Ctrl+Alt+Del', 'Win+L', 'Windows', 'Alt+Tab', 'Alt+F4', 'Ctrl+Esc',
                        'Ctrl+Shift+Esc', 'Alt+Esc', 'Win+R', 'Win+E') {
            $key = Get-CimInstance -Namespace $ns -ClassName WEKF_PredefinedKey |
                Where-Object { $_.Id -eq $id }
            if ($key) { Set-CimInstance -InputObject $key -Property @{ Enabled = $true } }
            else { $notLocked += "$id (not a predefined key on this build)" }
        }
        # Administrators keep every key, so IT can still work on the PC.
        $settings = Get-CimInstance -Namespace $ns -ClassName WEKF_Settings |
            Where-Object { $_.Name -eq 'DisableKeyboardFilterForAdministrators' }
        if ($settings) { Set-CimInstance -InputObject $settings -Property @{ Value = 'true' } }
    }
    # Shell Launcher restarts the kiosk itself: no watchdog task.
    Unregister-ScheduledTask -TaskName 'DVC Kiosk watchdog' -Confirm:$false -ErrorAction SilentlyContinue
} else {
    Say 'Home/Pro: autostart with a watchdog (Shell Launcher and Keyboard Filter need Enterprise, Education or IoT)'
    $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument (
        "-NoProfile -NonInteractive -WindowStyle Hidden -ExecutionPolicy Bypass -File `"$target\watchdog.ps1`" -Program `"$kioskExe`"")
    $trigger = New-ScheduledTaskTrigger -AtLogOn -User $KioskUser
    $principalTask = New-ScheduledTaskPrincipal -UserId $KioskUser -LogonType Interactive -RunLevel Limited
    $settingsTask = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries `
        -ExecutionTimeLimit ([TimeSpan]::Zero) -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
        -MultipleInstances IgnoreNew
    Register-ScheduledTask -TaskName 'DVC Kiosk watchdog' -Action $action -Trigger $trigger `
        -Principal $principalTask -Settings $settingsTask -Force | Out-Null

    # Machine-wide policies that work on Home and Pro.
    $system = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System'
    New-Item -Force -Path $system | Out-Null
    Set-ItemProperty $system -Name HideFastUserSwitching -Value 1 -Type DWord
    # Per-user policies go in the kiosk account's own registry hive (it exists after its
    # first sign-in; until then they are listed as not locked).
    $hive = Join-Path (Join-Path $env:SystemDrive 'Users') "$KioskUser\NTUSER.DAT"
    if (Test-Path $hive) {
        & reg.exe load "HKU\DvcKiosk" $hive | Out-Null
        try {
            $userSystem = 'Registry::HKEY_USERS\DvcKiosk\Software\Microsoft\Windows\CurrentVersion\Policies\System'
            $explorer = 'Registry::HKEY_USERS\DvcKiosk\Software\Microsoft\Windows\CurrentVersion\Policies\Explorer'
            New-Item -Force -Path $userSystem, $explorer | Out-Null
            Set-ItemProperty $userSystem -Name DisableTaskMgr -Value 1 -Type DWord
            Set-ItemProperty $userSystem -Name DisableLockWorkstation -Value 1 -Type DWord
            Set-ItemProperty $userSystem -Name DisableChangePassword -Value 1 -Type DWord
            Set-ItemProperty $explorer -Name NoRun -Value 1 -Type DWord
            Set-ItemProperty $explorer -Name NoWinKeys -Value 1 -Type DWord
        } finally {
            [GC]::Collect()
            & reg.exe unload "HKU\DvcKiosk" | Out-Null
        }
    } else {
        $notLocked += 'Task Manager, Win+L, Win+R for the kiosk account: sign in as it once, then run this script again'
    }
    $notLocked += 'Ctrl+Alt+Del still shows the Windows security screen (only Enterprise/Education/IoT can block it)'
    $notLocked += 'Alt+Tab and the Windows key reach Explorer behind the kiosk (the kiosk stays on top and comes back; the watchdog restarts it if closed)'
    $notLocked += 'Explorer (desktop, taskbar) runs under the kiosk window'
}
Remove-Item -Force (Join-Path $dataDir 'pause-watchdog') -ErrorAction SilentlyContinue

# ----- self-test ------------------------------------------------------------------------
Say 'Self-test (offscreen)'
$env:QT_QPA_PLATFORM = 'offscreen'
& $debugExe self-test
$selfTest = $LASTEXITCODE
Remove-Item Env:\QT_QPA_PLATFORM
if ($selfTest -ne 0) { Warn 'Self-test FAILED: see the lines above.' }

# ----- report ---------------------------------------------------------------------------
Write-Host ''
Write-Host "Installed in $target for account '$KioskUser' ($edition)."
if ($notLocked.Count -gt 0) {
    Warn 'What this Windows edition could NOT lock:'
    $notLocked | ForEach-Object { Write-Host "   - $_" }
}
$kioskData = Join-Path (Join-Path $env:SystemDrive 'Users') "$KioskUser\AppData\Local\dvc-kiosk\dvc-kiosk"
Write-Host ''
Write-Host "Next: restart once so '$KioskUser' signs in and Windows makes its profile folder; then"
Write-Host 'tell the kiosk where it is (as administrator; asks for the volunteer PIN twice):'
Write-Host "  & `"$debugExe`" provision --data-dir `"$kioskData`" --help-point ID --server https://COLLECTOR --token TOKEN --catalog-key catalog-public-key.txt"
Write-Host 'Then restart the PC again.'
if ($rebootNeeded) { Warn 'Restart first, then run this script again to finish the lockdown.' }
