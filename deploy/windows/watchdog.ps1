<#
.SYNOPSIS
    Keeps DVC Kiosk running in this user's session: starts it, and starts it again about 2 s
    after it crashes or is killed.

.DESCRIPTION
    Started at sign-in of the kiosk account by the scheduled task "DVC Kiosk watchdog"
    (install.ps1), on Windows Home/Pro where Shell Launcher does not exist. On
    Enterprise/Education/IoT, Shell Launcher restarts the kiosk itself.

    Exit code 0 is the one deliberate exit (a volunteer left kiosk mode with the PIN, or IT
    pressed "Thoát" on the config page): the watchdog then stops until the next sign-in, so IT
    can work on the PC. Any other exit — a crash, Task Manager's "End task" (exit code 1) — is
    restarted. A file "%ProgramData%\DVC Kiosk\pause-watchdog" pauses it (used by install.ps1
    while updating).

    UNTESTED on real Windows: written carefully without a Windows machine; verify it on the
    first PC (deploy\README.md).
#>
[CmdletBinding()]
param(
    [string]$Program = (Join-Path $PSScriptRoot 'dvc-kiosk.exe'),
    [int]$RestartSeconds = 2
)
$ErrorActionPreference = 'Continue'
$pauseFile = Join-Path $env:ProgramData 'DVC Kiosk\pause-watchdog'
$logFile = Join-Path $env:LOCALAPPDATA 'dvc-kiosk\watchdog.log'
New-Item -ItemType Directory -Force -Path (Split-Path $logFile) | Out-Null

function Write-WatchdogLog([string]$Message) {
    Add-Content -Path $logFile -Value ('{0:yyyy-MM-dd HH:mm:ss} {1}' -f (Get-Date), $Message) -Encoding UTF8
    if ((Get-Item $logFile).Length -gt 1MB) { Move-Item -Force $logFile "$logFile.1" }  # old disks are small
}

$name = [IO.Path]::GetFileNameWithoutExtension($Program)
$session = (Get-Process -Id $PID).SessionId
Write-WatchdogLog "watchdog started for $Program in session $session"
$quickFailures = 0
while ($true) {
    if (Test-Path $pauseFile) { Start-Sleep -Seconds 5; continue }

    # A kiosk already running in this session (started before the watchdog): wait for it.
    $other = Get-Process -Name $name -ErrorAction SilentlyContinue | Where-Object { $_.SessionId -eq $session }
    if ($other) { $other | Wait-Process -ErrorAction SilentlyContinue; continue }

    $started = Get-Date
    try {
        $process = Start-Process -FilePath $Program -ArgumentList 'run' -PassThru `
            -WorkingDirectory (Split-Path $Program)
    } catch {
        Write-WatchdogLog "could not start the kiosk: $($_.Exception.Message)"
        Start-Sleep -Seconds 10
        continue
    }
    $process.WaitForExit()
    $code = $process.ExitCode
    if ($code -eq 0) {
        Write-WatchdogLog 'the kiosk was left on purpose (exit 0): not restarting until the next sign-in'
        break
    }
    Write-WatchdogLog "the kiosk ended with exit code $code: restarting in $RestartSeconds s"
    # One that dies at once, again and again (a broken install), must not spin the CPU.
    if (((Get-Date) - $started).TotalSeconds -lt 10) { $quickFailures++ } else { $quickFailures = 0 }
    if ($quickFailures -ge 5) { Start-Sleep -Seconds 30 } else { Start-Sleep -Seconds $RestartSeconds }
}
