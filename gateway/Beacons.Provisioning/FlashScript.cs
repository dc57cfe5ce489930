using System.Text;
using Beacons.Badge;
using Beacons.Configuration;
using Beacons.Indicator;
using Beacons.Triage;

namespace Beacons.Provision;

/// <summary>
/// The scripts that put a box of devices on their boards, one after another: flash.sh (bash) and
/// flash.ps1 (PowerShell, for the Windows laptops most controllers use). For each device one prompt
/// waits for its board, then one nanoff command flashes the nanoFramework image (unless the boards
/// already have it), deploys the device's application and its configuration file. hardware/README.md,
/// "Flashing a box of devices", is the manual.
/// </summary>
public static class FlashScript
{
    public const string BashFileName = "flash.sh";
    public const string PowerShellFileName = "flash.ps1";

    /// <summary>The folder, next to the scripts, where they look for the applications' .bin files unless told otherwise.</summary>
    public const string AppsFolder = "apps";

    /// <summary>The deployable image Visual Studio builds for a kind of device (firmware/Kind/bin/Release).</summary>
    public static string AppImage(DeviceKind kind) => kind switch
    {
        DeviceKind.Badge => "Beacons.Badge.App.bin",
        DeviceKind.Tag => "Beacons.Tag.App.bin",
        DeviceKind.Anchor => "Beacons.Anchor.App.bin",
        DeviceKind.Receiver => "Beacons.Receiver.App.bin",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>What the board's LED shows after a reset when the device works, and when it does not.</summary>
    public static string LedCheck(DeviceKind kind, Board board)
    {
        if (board.LedPin < 0 || board.LedType == LedType.None)
        {
            return kind == DeviceKind.Receiver
                ? "this board has no LED: the receiver shows up in the dashboard's Receivers bar once it relays"
                : "this board has no LED: hardware/README.md says how to check it";
        }

        bool rgb = board.LedType == LedType.Rgb;
        string why = kind is DeviceKind.Badge or DeviceKind.Tag
            ? "the configuration is missing or wrong, or the radio refuses to advertise"
            : "the configuration is missing or wrong";
        string fault = $"{(rgb ? "a fast magenta strobe" : "a fast blink")} ({Fault.OnMs} ms on every {Fault.PeriodMs} ms) means {why}";
        string working = kind switch
        {
            DeviceKind.Badge => $"a short {(rgb ? "green " : "")}blip every {BadgeLed.BlipPeriodMs / 1000} s",
            DeviceKind.Tag => $"a short white blip every {TagLed.UntaggedPeriodMs / 1000} s (untagged)",
            DeviceKind.Anchor => $"a short {(rgb ? "green " : "")}wink every 5 s ({(rgb ? "red, " : "")}0.5 s on and off: the radio will not start)",
            _ => rgb
                ? "yellow while it joins the Wi-Fi, then a short green blip every 2 s (other patterns: docs/receiver.md)"
                : "steady while it joins the Wi-Fi, then a short blip every 2 s (other patterns: docs/receiver.md)",
        };
        return $"{working}; {fault}";
    }

    public static string Bash(IReadOnlyList<DeviceFile> files, string exercise, string? serialPort)
    {
        var s = new StringBuilder();
        s.Append("#!/usr/bin/env bash\n");
        s.Append("# Flashes the devices of this folder one after another; written by beacons-provision for ").Append(OneLine(exercise)).Append(".\n");
        s.Append("# For each device: plug its board in, press Enter, and one nanoff command flashes the nanoFramework\n");
        s.Append("# image, deploys the application and the device's configuration. hardware/README.md explains every step.\n");
        s.Append("#\n");
        s.Append("#   ./flash.sh [--port PORT] [--apps FOLDER] [--app-only | --config-only] [--baud N] [--only KIND-ID,...]\n");
        s.Append("#\n");
        s.Append("#   --port         the board's serial port (nanoff --listports); asked for when not given\n");
        s.Append("#   --apps         the folder with the applications' .bin files (default: apps/ next to this script)\n");
        s.Append("#   --app-only     the boards already have the nanoFramework image: deploy application and configuration\n");
        s.Append("#   --config-only  the boards already have image and application: deploy the configuration only\n");
        s.Append("#   --baud         nanoff's flashing rate (115200 when an ATOM Lite will not flash at the default)\n");
        s.Append("#   --only         just these devices, e.g. --only badge-101,tag-502\n");
        s.Append("set -u\n");
        s.Append("here=\"$(cd \"$(dirname \"$0\")\" && pwd)\"\n");
        s.Append("port=").Append(Sh(serialPort ?? "")).Append('\n');
        s.Append("apps=\"$here/").Append(AppsFolder).Append("\"\n");
        s.Append("mode=full\nbaud=\"\"\nonly=\"\"\n");
        s.Append("""
            while [ $# -gt 0 ]; do
              case "$1" in
                --port) port="$2"; shift ;;
                --apps) apps="$2"; shift ;;
                --app-only) mode=app ;;
                --config-only) mode=config ;;
                --baud) baud="$2"; shift ;;
                --only) only=",$2," ;  shift ;;
                -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
                *) echo "flash.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
              esac
              shift
            done
            # nanoff runs from this folder (a download's deployment files name their configuration relative to it).
            case "$apps" in /*) ;; *) apps="$PWD/$apps" ;; esac

            """);
        s.Append("\n# One line per device, in the order of devices.csv.\n");
        Array(s, "kinds", files, f => ConfigurationWords.KindName(f.Kind));
        Array(s, "ids", files, f => f.Id.ToString());
        Array(s, "labels", files, f => f.Label);
        Array(s, "boards", files, f => f.Board.Name);
        Array(s, "images", files, f => f.Board.Firmware);
        Array(s, "bins", files, f => AppImage(f.Kind));
        Array(s, "leds", files, f => LedCheck(f.Kind, f.Board));
        s.Append("""

            command -v nanoff >/dev/null 2>&1 || { echo "flash.sh: nanoff is not installed: dotnet tool install -g nanoff" >&2; exit 1; }
            if [ "$mode" != config ]; then
              for bin in $(printf '%s\n' "${bins[@]}" | sort -u); do
                [ -f "$apps/$bin" ] || { echo "flash.sh: $apps/$bin is missing: build the device apps and copy their .bin files there, or give --apps" >&2; exit 1; }
              done
            fi

            flashed=(); skipped=(); failed=()
            summary() {
              echo
              echo "flashed ${#flashed[@]}: ${flashed[*]:-none}"
              [ ${#skipped[@]} -eq 0 ] || echo "skipped ${#skipped[@]}: ${skipped[*]}"
              [ ${#failed[@]} -eq 0 ] || echo "failed ${#failed[@]}: ${failed[*]} (run again with --only ...)"
            }

            total=${#ids[@]}
            for i in "${!ids[@]}"; do
              name="${kinds[$i]}-${ids[$i]}"
              if [ -n "$only" ] && [[ "$only" != *",$name,"* ]]; then continue; fi
              echo
              echo "[$((i + 1))/$total] $name: ${labels[$i]}  (board ${boards[$i]}, image ${images[$i]})"
              prompt="Plug it in and press Enter"
              result=""
              while true; do
                if ! read -r -p "  $prompt to flash on ${port:-?} (or type another port; s skips, q quits): " answer; then answer=q; echo; fi
                case "$answer" in
                  q) [ -z "$result" ] || failed+=("$name"); summary; exit 1 ;;
                  s) if [ -n "$result" ]; then failed+=("$name"); else skipped+=("$name"); fi; continue 2 ;;
                  "") ;;
                  *) port="$answer" ;;
                esac
                if [ -z "$port" ]; then echo "  Which port? nanoff --listports shows them."; continue; fi
                case "$mode" in
                  full) args=(--target "${images[$i]}" --serialport "$port" --update --deploy --image "$apps/${bins[$i]}") ;;
                  app) args=(--target "${images[$i]}" --serialport "$port" --deploy --image "$apps/${bins[$i]}") ;;
                  config) args=(--serialport "$port") ;;
                esac
                [ -z "$baud" ] || args+=(--baud "$baud")
                args+=(--filedeployment "$here/$name.deploy.json")
                echo "  nanoff ${args[*]}"
                (cd "$here" && nanoff "${args[@]}")
                code=$?
                if [ $code -eq 0 ]; then
                  flashed+=("$name")
                  echo "  Done. Reset the board (EN/RST button, or unplug and plug in again) and watch its LED:"
                  echo "    ${leds[$i]}."
                  echo "  Label it \"$name ${labels[$i]}\", unplug it and take the next board."
                  break
                fi
                result="nanoff failed with exit code $code"
                echo "  $result: read its last lines above (hardware/README.md, 'When it fails')."
                prompt="Press Enter to try again"
              done
            done

            summary
            [ ${#skipped[@]} -eq 0 ] && [ ${#failed[@]} -eq 0 ]

            """);
        return s.ToString();
    }

    public static string PowerShell(IReadOnlyList<DeviceFile> files, string exercise, string? serialPort)
    {
        var s = new StringBuilder();
        s.Append("<#\n");
        s.Append("Flashes the devices of this folder one after another; written by beacons-provision for ").Append(OneLine(exercise).Replace("#>", "# >")).Append(".\n");
        s.Append("For each device: plug its board in, press Enter, and one nanoff command flashes the nanoFramework\n");
        s.Append("image, deploys the application and the device's configuration. hardware/README.md explains every step.\n\n");
        s.Append("  .\\flash.ps1 [-Port COM5] [-Apps FOLDER] [-AppOnly | -ConfigOnly] [-Baud N] [-Only badge-101,tag-502]\n\n");
        s.Append("  -Port        the board's serial port (nanoff --listports); asked for when not given\n");
        s.Append("  -Apps        the folder with the applications' .bin files (default: apps\\ next to this script)\n");
        s.Append("  -AppOnly     the boards already have the nanoFramework image: deploy application and configuration\n");
        s.Append("  -ConfigOnly  the boards already have image and application: deploy the configuration only\n");
        s.Append("  -Baud        nanoff's flashing rate (115200 when an ATOM Lite will not flash at the default)\n");
        s.Append("  -Only        just these devices\n");
        s.Append("If Windows refuses to run it: powershell -ExecutionPolicy Bypass -File .\\flash.ps1\n");
        s.Append("#>\n");
        s.Append("param(\n");
        s.Append("    [string]$Port = ").Append(Ps(serialPort ?? "")).Append(",\n");
        s.Append("""
                [string]$Apps = (Join-Path $PSScriptRoot 'apps'),
                [switch]$AppOnly,
                [switch]$ConfigOnly,
                [string]$Baud = '',
                [string[]]$Only = @()
            )

            # One line per device, in the order of devices.csv.
            $devices = @(

            """);
        for (int i = 0; i < files.Count; i++)
        {
            DeviceFile f = files[i];
            s.Append("    [pscustomobject]@{ Kind = ").Append(Ps(ConfigurationWords.KindName(f.Kind))).Append("; Id = ").Append(f.Id)
                .Append("; Label = ").Append(Ps(f.Label)).Append("; Board = ").Append(Ps(f.Board.Name))
                .Append("; Image = ").Append(Ps(f.Board.Firmware)).Append("; App = ").Append(Ps(AppImage(f.Kind)))
                .Append("; Led = ").Append(Ps(LedCheck(f.Kind, f.Board))).Append(" }").Append(i < files.Count - 1 ? "," : "").Append('\n');
        }

        s.Append("""
            )

            # nanoff runs from this folder (a download's deployment files name their configuration relative to it).
            $Apps = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Apps)
            if (-not (Get-Command nanoff -ErrorAction SilentlyContinue)) {
                Write-Host 'flash.ps1: nanoff is not installed: dotnet tool install -g nanoff'
                exit 1
            }
            if (-not $ConfigOnly) {
                foreach ($app in ($devices | ForEach-Object { $_.App } | Sort-Object -Unique)) {
                    if (-not (Test-Path -LiteralPath (Join-Path $Apps $app))) {
                        Write-Host "flash.ps1: $(Join-Path $Apps $app) is missing: build the device apps and copy their .bin files there, or give -Apps"
                        exit 1
                    }
                }
            }

            $flashed = @(); $skipped = @(); $failed = @()
            function Show-Summary {
                Write-Host ''
                Write-Host "flashed $($flashed.Count): $(if ($flashed.Count) { $flashed -join ' ' } else { 'none' })"
                if ($skipped.Count) { Write-Host "skipped $($skipped.Count): $($skipped -join ' ')" }
                if ($failed.Count) { Write-Host "failed $($failed.Count): $($failed -join ' ') (run again with -Only ...)" }
            }

            $wanted = @($Only | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
            for ($i = 0; $i -lt $devices.Count; $i++) {
                $d = $devices[$i]
                $name = "$($d.Kind)-$($d.Id)"
                if ($wanted.Count -and $wanted -notcontains $name) { continue }
                Write-Host ''
                Write-Host "[$($i + 1)/$($devices.Count)] ${name}: $($d.Label)  (board $($d.Board), image $($d.Image))"
                $prompt = 'Plug it in and press Enter'
                $result = ''
                while ($true) {
                    $answer = Read-Host "  $prompt to flash on $(if ($Port) { $Port } else { '?' }) (or type another port; s skips, q quits)"
                    if ($null -eq $answer -or $answer -eq 'q') {
                        if ($result) { $failed += $name }
                        Show-Summary
                        exit 1
                    }
                    if ($answer -eq 's') {
                        if ($result) { $failed += $name } else { $skipped += $name }
                        break
                    }
                    if ($answer -ne '') { $Port = $answer }
                    if (-not $Port) { Write-Host '  Which port? nanoff --listports shows them.'; continue }
                    if ($ConfigOnly) { $arguments = @('--serialport', $Port) }
                    elseif ($AppOnly) { $arguments = @('--target', $d.Image, '--serialport', $Port, '--deploy', '--image', (Join-Path $Apps $d.App)) }
                    else { $arguments = @('--target', $d.Image, '--serialport', $Port, '--update', '--deploy', '--image', (Join-Path $Apps $d.App)) }
                    if ($Baud) { $arguments += @('--baud', $Baud) }
                    $arguments += @('--filedeployment', (Join-Path $PSScriptRoot "$name.deploy.json"))
                    Write-Host "  nanoff $($arguments -join ' ')"
                    Push-Location -LiteralPath $PSScriptRoot
                    & nanoff @arguments
                    $code = $LASTEXITCODE
                    Pop-Location
                    if ($code -eq 0) {
                        $flashed += $name
                        Write-Host '  Done. Reset the board (EN/RST button, or unplug and plug in again) and watch its LED:'
                        Write-Host "    $($d.Led)."
                        Write-Host "  Label it `"$name $($d.Label)`", unplug it and take the next board."
                        break
                    }
                    $result = "nanoff failed with exit code $code"
                    Write-Host "  ${result}: read its last lines above (hardware/README.md, 'When it fails')."
                    $prompt = 'Press Enter to try again'
                }
            }

            Show-Summary
            if ($skipped.Count -or $failed.Count) { exit 1 }
            exit 0

            """);
        return s.ToString();
    }

    private static void Array(StringBuilder s, string name, IReadOnlyList<DeviceFile> files, Func<DeviceFile, string> value)
    {
        s.Append(name).Append("=(");
        foreach (DeviceFile f in files)
        {
            s.Append(' ').Append(Sh(value(f)));
        }

        s.Append(" )\n");
    }

    // Single quotes keep $, backquotes and backslashes of people's names literal in both shells.
    private static string Sh(string text) => "'" + OneLine(text).Replace("'", "'\\''") + "'";

    // PowerShell also closes a single-quoted string at the typographic quotes: double each of them.
    private static string Ps(string text)
    {
        var quoted = new StringBuilder("'");
        foreach (char c in OneLine(text))
        {
            quoted.Append(c);
            if (c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B')
            {
                quoted.Append(c);
            }
        }

        return quoted.Append('\'').ToString();
    }

    private static string OneLine(string text) => new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
}
