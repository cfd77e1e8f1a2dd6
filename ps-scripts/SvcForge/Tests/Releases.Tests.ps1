BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Add-Type -AssemblyName System.IO.Compression
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    function Get-TestSha256([byte[]]$Bytes) {
        $sha = [System.Security.Cryptography.SHA256]::Create()
        try { ([System.BitConverter]::ToString($sha.ComputeHash($Bytes))).Replace('-', '').ToLowerInvariant() } finally { $sha.Dispose() }
    }

    # A release zip like svcforge build writes, with knobs to make it evil: Files go into
    # both the zip and release.json; Unlisted only into the zip; Missing only into
    # release.json; Stored replaces the bytes stored for a listed path; Attributes sets an
    # entry's ExternalAttributes; Edit changes the manifest hashtable before it is written.
    function New-TestRelease {
        param(
            [string]$Path = (Join-Path $TestDrive "gin-hello-$([guid]::NewGuid().ToString('N').Substring(0, 6)).zip"),
            [string]$Version = '2.0.0',
            [System.Collections.IDictionary]$Files = ([ordered]@{ 'gin-hello.exe' = 'MZ the program'; 'templates/a.tmpl' = 'hello {{.Name}}' }),
            [System.Collections.IDictionary]$Unlisted = @{},
            [System.Collections.IDictionary]$Missing = @{},
            [System.Collections.IDictionary]$Stored = @{},
            [hashtable]$Attributes = @{},
            [scriptblock]$Edit,
            [string]$ManifestText,
            [switch]$NoManifest
        )
        $utf8 = [System.Text.UTF8Encoding]::new($false)
        $listed = [System.Collections.Generic.List[object]]::new()
        foreach ($key in @($Files.Keys) + @($Missing.Keys)) {
            $value = if ($Files.Contains($key)) { $Files[$key] } else { $Missing[$key] }
            $bytes = $utf8.GetBytes([string]$value)
            $listed.Add([ordered]@{ path = $key; size = $bytes.Length; sha256 = (Get-TestSha256 $bytes) })
        }
        $manifest = [ordered]@{ schemaVersion = 1; name = 'gin-hello'; version = $Version; commit = 'abc'; builtAt = '2026-12-05T09:00:00Z'; program = 'gin-hello.exe'; files = $listed.ToArray() }
        if ($Edit) { & $Edit $manifest }
        if (-not $PSBoundParameters.ContainsKey('ManifestText')) { $ManifestText = ($manifest | ConvertTo-Json -Depth 5) + "`n" }
        $zip = [System.IO.Compression.ZipFile]::Open($Path, [System.IO.Compression.ZipArchiveMode]::Create)
        try {
            $entries = [System.Collections.Specialized.OrderedDictionary]::new([System.StringComparer]::Ordinal)
            if (-not $NoManifest) { $entries['release.json'] = $ManifestText }
            foreach ($key in $Files.Keys) { $entries[$key] = if ($Stored.Contains($key)) { $Stored[$key] } else { $Files[$key] } }
            foreach ($key in $Unlisted.Keys) { $entries[$key] = $Unlisted[$key] }
            foreach ($key in $entries.Keys) {
                $entry = $zip.CreateEntry($key)
                if ($Attributes.ContainsKey($key)) { $entry.ExternalAttributes = $Attributes[$key] }
                $stream = $entry.Open()
                try { $bytes = $utf8.GetBytes([string]$entries[$key]); $stream.Write($bytes, 0, $bytes.Length) } finally { $stream.Dispose() }
            }
        }
        finally { $zip.Dispose() }
        $Path
    }

    function Get-TestError([scriptblock]$Script) {
        try { $null = & $Script } catch { return $_ }
        throw 'expected an error, none was thrown'
    }

    function Read-TestBytes([string]$Path) { , [System.IO.File]::ReadAllBytes($Path) }

    function Write-TestStatus {
        param([string]$Path, [string]$Release = '2.0.0', [string]$State = 'running', [object]$Health = 'healthy', [int]$Restarts = 0, [int]$ProcessId = 34)
        $status = [ordered]@{ service = 'gin-hello'; state = $State; pid = $ProcessId; port = 8080; restarts = $Restarts; last_exit_code = $null; started_at = '2026-12-05T09:00:00Z'; last_health = $Health; next_start_in_ms = $null; memory_bytes = 1; release = $Release; restart_reasons = @{} }
        [System.IO.File]::WriteAllText($Path, ($status | ConvertTo-Json -Compress))
    }
}

Describe 'Read-SvcForgeReleaseManifest' {
    It 'returns release.json of a release zip' {
        $manifest = Read-SvcForgeReleaseManifest -Path (New-TestRelease)
        $manifest.name | Should -Be 'gin-hello'
        $manifest.version | Should -Be '2.0.0'
        @($manifest.files).Count | Should -Be 2
    }

    It 'refuses <Case> with SvcForge.ReleaseInvalid' -ForEach @(
        @{ Case = 'a missing file'; Make = { Join-Path $TestDrive 'nope.zip' }; Expected = '*does not exist*' }
        @{ Case = 'a file that is not a zip'; Make = { $p = Join-Path $TestDrive 'text.zip'; Set-Content -LiteralPath $p -Value 'hello'; $p }; Expected = '*not a readable zip*' }
        @{ Case = 'a zip without release.json'; Make = { New-TestRelease -NoManifest }; Expected = '*no release.json*' }
        @{ Case = 'bad JSON'; Make = { New-TestRelease -ManifestText '{"schemaVersion": 1, ' }; Expected = '*not valid JSON*' }
        @{ Case = 'a device-name version'; Make = { New-TestRelease -Version 'CON' }; Expected = "*version 'CON' is a Windows reserved device name*" }
        @{ Case = 'a version ending in a dot'; Make = { New-TestRelease -Version '1.0.' }; Expected = "*must not end in '.'*" }
        @{ Case = 'schemaVersion 2'; Make = { New-TestRelease -Edit { param($m) $m.schemaVersion = 2 } }; Expected = "*schemaVersion '2'*" }
    ) {
        $zip = & $Make
        $thrown = Get-TestError { Read-SvcForgeReleaseManifest -Path $zip }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SvcForge.ReleaseInvalid*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidData'
        $thrown.Exception.Message | Should -BeLike $Expected
    }
}

Describe 'Test-SvcForgeRelease' {
    BeforeEach {
        $script:Releases = Join-Path $TestDrive "releases-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
    }
    AfterEach {
        InModuleScope SvcForge { Remove-Variable -Name SvcForgeReleaseMaxBytes -Scope Script -ErrorAction SilentlyContinue }
    }

    It 'verifies a good zip: unchanged, with the count and size, leaving the SHA-256 to the unpack that follows' {
        $record = Test-SvcForgeRelease -Path (New-TestRelease) -Name 'gin-hello' -Program 'gin-hello.exe' -Step 'verify'
        $record.step | Should -Be 'verify'
        $record.status | Should -Be 'unchanged'
        $record.detail | Should -BeLike 'gin-hello 2.0.0: 2 files, * bytes, every file listed with its size in release.json (unpack checks each SHA-256 as it writes)'
    }

    It 'checks every SHA-256 itself under -WhatIf, where no unpack follows' {
        (Test-SvcForgeRelease -Path (New-TestRelease) -Name 'gin-hello' -Program 'gin-hello.exe' -WhatIf).detail | Should -BeLike 'gin-hello 2.0.0: 2 files, * bytes, every SHA-256 matches release.json'
    }

    It 'accepts the program with \ and in another case' {
        $zip = New-TestRelease -Files ([ordered]@{ 'bin/gin-hello.exe' = 'MZ' }) -Edit { param($m) $m.program = 'bin/gin-hello.exe' }
        (Test-SvcForgeRelease -Path $zip -Name 'gin-hello' -Program 'BIN\Gin-Hello.exe').status | Should -Be 'unchanged'
    }

    It 'refuses a zip of another service and one with another program' {
        $zip = New-TestRelease
        (Get-TestError { Test-SvcForgeRelease -Path $zip -Name 'other' -Program 'gin-hello.exe' }).Exception.Message | Should -BeLike "*is for service 'gin-hello', not 'other'*"
        (Get-TestError { Test-SvcForgeRelease -Path $zip -Name 'gin-hello' -Program 'server.exe' }).Exception.Message | Should -BeLike "*runs program 'gin-hello.exe' but the spec says 'server.exe'*"
    }

    It 'refuses <Case>, naming <Entry>, and unpacks nothing' -ForEach @(
        @{ Case = 'a .. segment'; Entry = '../evil.txt'; Make = { New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ'; '../evil.txt' = 'x' }) }; Expected = "*'..' segment*" }
        @{ Case = 'a ..\ name'; Entry = '..\evil.txt'; Make = { New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ'; '..\evil.txt' = 'x' }) }; Expected = "*'\'*" }
        @{ Case = 'an absolute path'; Entry = '/etc/evil'; Make = { New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ'; '/etc/evil' = 'x' }) }; Expected = '*absolute path*' }
        @{ Case = 'a drive'; Entry = 'C:/Windows/evil.exe'; Make = { New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ'; 'C:/Windows/evil.exe' = 'x' }) }; Expected = '*drive letter*' }
        @{ Case = 'an alternate data stream'; Entry = 'a:stream'; Make = { New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ'; 'a:stream' = 'x' }) }; Expected = '*alternate data stream*' }
        @{ Case = 'a device name'; Entry = 'docs/CON.txt'; Make = { New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ'; 'docs/CON.txt' = 'x' }) }; Expected = '*reserved device name*' }
        @{ Case = 'a trailing dot'; Entry = 'readme.'; Make = { New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ'; 'readme.' = 'x' }) }; Expected = '*ends in a dot or space*' }
        @{ Case = 'a symbolic link'; Entry = 'link'; Make = { New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ'; 'link' = '/etc/passwd' }) -Attributes @{ link = [int](0xA1FF -shl 16) } }; Expected = '*symbolic link*' }
        @{ Case = 'names that differ only in case'; Entry = 'A.txt'; Make = { $f = [System.Collections.Specialized.OrderedDictionary]::new([System.StringComparer]::Ordinal); $f['gin-hello.exe'] = 'MZ'; $f['a.txt'] = 'x'; $f['A.txt'] = 'y'; New-TestRelease -Files $f }; Expected = '*differ only in case*' }
        @{ Case = 'an extra file'; Entry = 'extra.dll'; Make = { New-TestRelease -Unlisted @{ 'extra.dll' = 'x' } }; Expected = '*does not list: extra.dll*' }
        @{ Case = 'a missing file'; Entry = 'templates/b.tmpl'; Make = { New-TestRelease -Missing @{ 'templates/b.tmpl' = 'x' } }; Expected = '*does not hold: templates/b.tmpl*' }
        @{ Case = 'a hash mismatch'; Entry = 'templates/a.tmpl'; HashOnly = $true; Make = { New-TestRelease -Stored @{ 'templates/a.tmpl' = 'HELLO {{.Name}}' } }; Expected = '*does not match release.json*' }
        @{ Case = 'a size mismatch'; Entry = 'templates/a.tmpl'; Make = { New-TestRelease -Stored @{ 'templates/a.tmpl' = 'longer than it was' } }; Expected = '*bytes but release.json says*' }
        @{ Case = 'an entry over the size cap'; Entry = 'big.bin'; Cap = 1000; Make = { New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ'; 'big.bin' = ('x' * 1200) }) }; Expected = '*unpacks to 1200 bytes, over the limit of 1000*' }
        @{ Case = 'a total over the size cap'; Entry = 'b.bin'; Cap = 1000; Make = { New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ'; 'a.bin' = ('x' * 300); 'b.bin' = ('x' * 300) }) }; Expected = '*the entries up to * unpack to * bytes, over the limit of 1000*' }
    ) {
        $zip = & $Make
        if ($_.ContainsKey('Cap')) {
            InModuleScope SvcForge -Parameters @{ Cap = $_['Cap'] } { param($Cap) $script:SvcForgeReleaseMaxBytes = $Cap }
        }
        $hashOnly = $_.ContainsKey('HashOnly')
        if ($hashOnly) {
            # Only the unpack reads the content (and -WhatIf's verify, where no unpack follows).
            (Test-SvcForgeRelease -Path $zip -Name 'gin-hello' -Program 'gin-hello.exe').status | Should -Be 'unchanged'
            $thrown = Get-TestError { Test-SvcForgeRelease -Path $zip -Name 'gin-hello' -Program 'gin-hello.exe' -Step 'verify' -WhatIf }
        }
        else {
            $thrown = Get-TestError { Test-SvcForgeRelease -Path $zip -Name 'gin-hello' -Program 'gin-hello.exe' -Step 'verify' }
        }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SvcForge.ReleaseInvalid*'
        $thrown.TargetObject | Should -Be 'verify'
        $thrown.Exception.Message | Should -BeLike $Expected
        $thrown.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Entry))*"
        $thrown.Exception.Message | Should -BeLike '*rebuild it with svcforge build*'

        $unpack = Get-TestError { Expand-SvcForgeRelease -Path $zip -ReleasesDir $script:Releases -Step 'unpack' }
        $unpack.FullyQualifiedErrorId | Should -BeLike 'SvcForge.ReleaseInvalid*'
        if ($hashOnly) {
            $unpack.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Entry))*does not match release.json*nothing was unpacked*"
        }
        @(Get-ChildItem -LiteralPath $script:Releases -Force -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $TestDrive 'evil.txt') | Should -BeFalse
    }
}

Describe 'Expand-SvcForgeRelease' {
    BeforeEach {
        $script:Releases = Join-Path $TestDrive "releases-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $script:Zip = New-TestRelease
    }

    It 'unpacks into releases\2.0.0 with release.json beside, then reports unchanged' {
        $record = Expand-SvcForgeRelease -Path $script:Zip -ReleasesDir $script:Releases -Step 'unpack'
        $record.status | Should -Be 'changed'
        $record.detail | Should -BeLike "unpacked gin-hello 2.0.0 to *2.0.0 (2 files, *)"
        $target = Join-Path $script:Releases '2.0.0'
        Get-Content -LiteralPath (Join-Path $target 'gin-hello.exe') -Raw | Should -Be 'MZ the program'
        Get-Content -LiteralPath (Join-Path (Join-Path $target 'templates') 'a.tmpl') -Raw | Should -Be 'hello {{.Name}}'
        $zip = [System.IO.Compression.ZipFile]::OpenRead($script:Zip)
        try {
            $reader = [System.IO.StreamReader]::new($zip.GetEntry('release.json').Open())
            $expected = $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        [System.IO.File]::ReadAllText((Join-Path $target 'release.json')) | Should -BeExactly $expected
        @(Get-ChildItem -LiteralPath $script:Releases -Force | ForEach-Object { $_.Name }) | Should -Be @('2.0.0')

        $again = Expand-SvcForgeRelease -Path $script:Zip -ReleasesDir $script:Releases -Step 'unpack'
        $again.status | Should -Be 'unchanged'
        $again.detail | Should -BeLike '*already unpacked*every SHA-256 matches*'
    }

    It 'refuses the same version with other files: SvcForge.ReleaseConflict' {
        $null = Expand-SvcForgeRelease -Path $script:Zip -ReleasesDir $script:Releases
        $other = New-TestRelease -Files ([ordered]@{ 'gin-hello.exe' = 'MZ another build'; 'templates/a.tmpl' = 'hello {{.Name}}' })
        $thrown = Get-TestError { Expand-SvcForgeRelease -Path $other -ReleasesDir $script:Releases -Step 'unpack' }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SvcForge.ReleaseConflict*'
        $thrown.Exception.Message | Should -BeLike '*release 2.0.0 is already on this host with other files*gin-hello.exe*build the change under a new version*'
        Get-Content -LiteralPath (Join-Path (Join-Path $script:Releases '2.0.0') 'gin-hello.exe') -Raw | Should -Be 'MZ the program'
    }

    It 'treats a changed file in the unpacked folder as a conflict too' {
        $null = Expand-SvcForgeRelease -Path $script:Zip -ReleasesDir $script:Releases
        Set-Content -LiteralPath (Join-Path (Join-Path $script:Releases '2.0.0') 'gin-hello.exe') -Value 'MZ tampered' -NoNewline
        (Get-TestError { Expand-SvcForgeRelease -Path $script:Zip -ReleasesDir $script:Releases }).FullyQualifiedErrorId | Should -BeLike 'SvcForge.ReleaseConflict*'
    }

    It 'removes a .partial folder an interrupted run left' {
        $stale = Join-Path $script:Releases '.partial-1.0.0-deadbeef'
        $null = New-Item -ItemType Directory -Path (Join-Path $stale 'templates') -Force
        Set-Content -LiteralPath (Join-Path $stale 'gin-hello.exe') -Value 'half'
        $record = Expand-SvcForgeRelease -Path $script:Zip -ReleasesDir $script:Releases
        $record.changes | Should -Contain 'removed leftover .partial-1.0.0-deadbeef'
        Test-Path -LiteralPath $stale | Should -BeFalse
        @(Get-ChildItem -LiteralPath $script:Releases -Force | ForEach-Object { $_.Name }) | Should -Be @('2.0.0')
    }

    It 'under -WhatIf reports "would unpack" and writes nothing' {
        $record = Expand-SvcForgeRelease -Path $script:Zip -ReleasesDir $script:Releases -WhatIf
        $record.status | Should -Be 'changed'
        $record.detail | Should -BeLike 'would unpack gin-hello 2.0.0 to *'
        Test-Path -LiteralPath $script:Releases | Should -BeFalse
    }
}

Describe 'Set-SvcForgeCurrentRelease' {
    BeforeEach {
        $script:Data = Join-Path $TestDrive "data-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $script:Releases = Join-Path $script:Data 'releases'
        foreach ($version in '1.0.0', '2.0.0') {
            $null = New-Item -ItemType Directory -Path (Join-Path $script:Releases $version) -Force
            Set-Content -LiteralPath (Join-Path (Join-Path $script:Releases $version) 'release.json') -Value '{}'
        }
        $script:Switch = @{ PointerPath = (Join-Path $script:Data 'release.conf'); StatePath = (Join-Path $script:Data 'releases.json'); ReleasesDir = $script:Releases; Step = 'switch' }
    }

    It 'writes exactly the pointer text, records the state, then is unchanged' {
        $record = Set-SvcForgeCurrentRelease @script:Switch -Version '1.0.0'
        $record.status | Should -Be 'changed'
        $record.detail | Should -Be 'release none -> 1.0.0'
        $bytes = Read-TestBytes $script:Switch.PointerPath
        [System.Text.Encoding]::ASCII.GetString($bytes) | Should -BeExactly "version = 1`r`nrelease = 1.0.0`r`n"
        $bytes[0] | Should -Not -Be 0xEF
        $state = Get-Content -LiteralPath $script:Switch.StatePath -Raw | ConvertFrom-Json
        $state.current | Should -Be '1.0.0'
        $state.releases[0].version | Should -Be '1.0.0'
        $state.releases[0].gate | Should -Be 'pending'
        $state.releases[0].deployedAt | Should -Not -BeNullOrEmpty
        (Set-SvcForgeCurrentRelease @script:Switch -Version '1.0.0').status | Should -Be 'unchanged'
        @(Get-ChildItem -LiteralPath $script:Data -Filter '*.tmp-*') | Should -BeNullOrEmpty
    }

    It 'replaces the pointer when switching and keeps the first deployedAt' {
        $null = Set-SvcForgeCurrentRelease @script:Switch -Version '1.0.0'
        $first = (Get-Content -LiteralPath $script:Switch.StatePath -Raw | ConvertFrom-Json).releases[0].deployedAt
        (Set-SvcForgeCurrentRelease @script:Switch -Version '2.0.0').detail | Should -Be 'release 1.0.0 -> 2.0.0'
        [System.IO.File]::ReadAllText($script:Switch.PointerPath) | Should -BeExactly "version = 1`r`nrelease = 2.0.0`r`n"
        (Set-SvcForgeCurrentRelease @script:Switch -Version '1.0.0').detail | Should -Be 'release 2.0.0 -> 1.0.0'
        $state = Get-SvcForgeReleaseState -StatePath $script:Switch.StatePath -ReleasesDir $script:Releases
        $state.current | Should -Be '1.0.0'
        (@($state.releases) | Where-Object { $_.version -eq '1.0.0' }).deployedAt | Should -Be ([string](Get-Date -Date $first).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ'))
    }

    It 'refuses a release that is not unpacked: SvcForge.ReleaseMissing' {
        $thrown = Get-TestError { Set-SvcForgeCurrentRelease @script:Switch -Version '3.0.0' }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SvcForge.ReleaseMissing*'
        $thrown.Exception.Message | Should -BeLike '*release.json does not exist; unpack the release first*'
        Test-Path -LiteralPath $script:Switch.PointerPath | Should -BeFalse
    }

    It 'under -WhatIf writes neither pointer nor state' {
        (Set-SvcForgeCurrentRelease @script:Switch -Version '2.0.0' -WhatIf).detail | Should -Be 'would switch release none -> 2.0.0'
        Test-Path -LiteralPath $script:Switch.PointerPath | Should -BeFalse
        Test-Path -LiteralPath $script:Switch.StatePath | Should -BeFalse
    }
}

Describe 'Get-SvcForgeReleaseState' {
    BeforeEach {
        $script:Releases = Join-Path $TestDrive 'state-releases'
        $null = New-Item -ItemType Directory -Path (Join-Path $script:Releases '2.0.0') -Force
        $script:StatePath = Join-Path $TestDrive "releases-$([guid]::NewGuid().ToString('N').Substring(0, 6)).json"
    }

    It 'lists newest first with onDisk and current, and converts to JSON for the CLI' {
        Set-Content -LiteralPath $script:StatePath -Encoding UTF8 -Value '{"schemaVersion":1,"current":"2.0.0","lastGood":"1.0.0","releases":[{"version":"1.0.0","deployedAt":"2026-01-01T00:00:00.000Z","gate":"passed","gateAt":"2026-01-01T00:01:00.000Z","reason":null},{"version":"2.0.0","deployedAt":"2026-02-01T00:00:00.000Z","gate":"failed","gateAt":null,"reason":"never healthy"}]}'
        $state = Get-SvcForgeReleaseState -StatePath $script:StatePath -ReleasesDir $script:Releases
        $state.current | Should -Be '2.0.0'
        $state.lastGood | Should -Be '1.0.0'
        @($state.releases | ForEach-Object { $_.version }) | Should -Be @('2.0.0', '1.0.0')
        $state.releases[0].onDisk | Should -BeTrue
        $state.releases[0].current | Should -BeTrue
        $state.releases[0].reason | Should -Be 'never healthy'
        $state.releases[1].onDisk | Should -BeFalse
        $state.releases[1].deployedAt | Should -Be '2026-01-01T00:00:00.000Z'
        $json = $state | ConvertTo-Json -Depth 5 -Compress
        $json | Should -BeLike '{"current":"2.0.0","lastGood":"1.0.0","releases":`[{"version":"2.0.0",*'
    }

    It 'gives an empty state for a missing file, and a one-release list as a JSON array' {
        $state = Get-SvcForgeReleaseState -StatePath $script:StatePath -ReleasesDir $script:Releases
        $state.current | Should -BeNullOrEmpty
        ($state | ConvertTo-Json -Depth 5 -Compress) | Should -Be '{"current":null,"lastGood":null,"releases":[]}'
        Set-Content -LiteralPath $script:StatePath -Encoding UTF8 -Value '{"schemaVersion":1,"current":"2.0.0","lastGood":null,"releases":[{"version":"2.0.0","deployedAt":null,"gate":"pending","gateAt":null,"reason":null}]}'
        (Get-SvcForgeReleaseState -StatePath $script:StatePath -ReleasesDir $script:Releases | ConvertTo-Json -Depth 5 -Compress) | Should -BeLike '*"releases":`[{"version":"2.0.0"*}`]}'
    }

    It 'throws SvcForge.StateCorrupt naming the file when it is <Case>' -ForEach @(
        @{ Case = 'not JSON'; Text = '{"schemaVersion":1,' }
        @{ Case = 'another schema'; Text = '{"schemaVersion":2,"releases":[]}' }
        @{ Case = 'a release with a bad gate'; Text = '{"schemaVersion":1,"releases":[{"version":"1.0.0","gate":"maybe"}]}' }
    ) {
        Set-Content -LiteralPath $script:StatePath -Encoding UTF8 -Value $Text
        $thrown = Get-TestError { Get-SvcForgeReleaseState -StatePath $script:StatePath -ReleasesDir $script:Releases }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SvcForge.StateCorrupt*'
        $thrown.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($script:StatePath))*fix it, or delete it*"
    }
}

Describe 'Enter-SvcForgeDeployLock and Exit-SvcForgeDeployLock' {
    BeforeEach {
        $script:Lock = Join-Path (Join-Path $TestDrive "lock-$([guid]::NewGuid().ToString('N').Substring(0, 6))") 'deploy.lock'
    }
    AfterEach {
        $null = Exit-SvcForgeDeployLock
    }

    It 'creates the folder, holds the file with pid, host and time, is unchanged while held, and keeps the file after release' {
        $record = Enter-SvcForgeDeployLock -Path $script:Lock -Name 'gin-hello' -Step 'lock'
        $record.status | Should -Be 'unchanged'
        $record.detail | Should -Match 'locked deploys of gin-hello'
        $record.step | Should -Be 'lock'
        $reader = [System.IO.FileStream]::new($script:Lock, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
        $text = [System.IO.StreamReader]::new($reader).ReadToEnd()
        $reader.Dispose()
        $text | Should -Match "^pid=$PID host=\S+ since=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"
        (Enter-SvcForgeDeployLock -Path $script:Lock -Name 'gin-hello' -Step 'lock').status | Should -Be 'unchanged'
        InModuleScope SvcForge { $script:SvcForgeDeployLock.Stream.CanWrite } | Should -BeTrue
        $exit = Exit-SvcForgeDeployLock -Step 'unlock'
        $exit.detail | Should -Match 'released the deploy lock'
        (Exit-SvcForgeDeployLock -Step 'unlock').detail | Should -Not -Match 'released'
        Test-Path -LiteralPath $script:Lock | Should -BeTrue
    }

    It 'throws SvcForge.DeployLocked with the holder when another process holds the lock' {
        # Windows refuses a second writer with a sharing violation (an IOException); Linux
        # does not enforce FileShare.Read between processes, so the open is made to fail here.
        $null = New-Item -ItemType Directory -Path (Split-Path $script:Lock) -Force
        [System.IO.File]::WriteAllText($script:Lock, 'pid=4242 host=WEB01 since=2026-12-05T09:00:00Z')
        Mock -CommandName Open-SvcForgeDeployLockFile -ModuleName SvcForge -MockWith {
            throw [System.IO.IOException]::new("The process cannot access the file '$Path' because it is being used by another process.", -2147024864)
        }
        $thrown = Get-TestError { Enter-SvcForgeDeployLock -Path $script:Lock -Name 'gin-hello' -Step 'lock' }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SvcForge.DeployLocked*'
        $thrown.Exception.Message | Should -BeLike "another deploy of gin-hello is running (pid 4242 on WEB01 since 2026-12-05T09:00:00Z; lock $([WildcardPattern]::Escape($script:Lock))); wait for it to finish, never run two at once"
        InModuleScope SvcForge { Get-SvcForgeDeployLockState } | Should -BeNullOrEmpty
    }

    It 'does not call a missing folder or a denied file a held lock' {
        Mock -CommandName Open-SvcForgeDeployLockFile -ModuleName SvcForge -MockWith { throw [System.UnauthorizedAccessException]::new('Access denied') }
        (Get-TestError { Enter-SvcForgeDeployLock -Path $script:Lock -Name 'gin-hello' }).FullyQualifiedErrorId | Should -BeLike 'SvcForge.LockFailed*'
    }

    It 'under -WhatIf reports "would lock" as unchanged and creates nothing' {
        $record = Enter-SvcForgeDeployLock -Path $script:Lock -Name 'gin-hello' -WhatIf
        $record.status | Should -Be 'unchanged'
        $record.detail | Should -BeLike 'would lock *'
        Test-Path -LiteralPath (Split-Path $script:Lock) | Should -BeFalse
    }
}

Describe 'Restart-SvcForgeRelease' {
    BeforeEach {
        $script:Status = Join-Path $TestDrive 'status.json'
        Write-TestStatus -Path $script:Status -Release '1.0.0' -ProcessId 12
        Mock -CommandName Get-SvcForgeServiceState -ModuleName SvcForge -MockWith { [pscustomobject]@{ Name = 'gin-hello'; State = 'Running'; StartupType = 'Automatic'; ProcessId = 7 } }
        Mock -CommandName Stop-SvcForgeServiceInternal -ModuleName SvcForge -MockWith { }
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
            Write-TestStatus -Path (Join-Path $TestDrive 'status.json') -Release '2.0.0' -State 'starting' -Health $null -ProcessId 34
            [pscustomobject]@{ ExitCode = 0; Output = '' }
        }
    }

    It 'is unchanged when the service runs the release already' {
        Write-TestStatus -Path $script:Status -Release '2.0.0'
        $record = Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile $script:Status -Version '2.0.0' -TimeoutSeconds 5 -Step 'restart'
        $record.status | Should -Be 'unchanged'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
        Should -Invoke -CommandName Stop-SvcForgeServiceInternal -ModuleName SvcForge -Times 0
    }

    It 'restarts only the program (sc.exe control 129) while the service keeps running, and waits for the new program in status.json' {
        $record = Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile $script:Status -Version '2.0.0' -TimeoutSeconds 5 -Step 'restart'
        $record.status | Should -Be 'changed'
        $record.detail | Should -Be 'restarted the program of gin-hello: release 1.0.0 -> 2.0.0 (PID 12 -> 34)'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'control gin-hello 129' }
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly
        Should -Invoke -CommandName Stop-SvcForgeServiceInternal -ModuleName SvcForge -Times 0
    }

    It 'does not take the old program still running the new release for the new one' {
        Write-TestStatus -Path $script:Status -Release '2.0.0' -State 'backoff' -ProcessId 12
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith { [pscustomobject]@{ ExitCode = 0; Output = '' } }
        Write-TestStatus -Path $script:Status -Release '2.0.0' -State 'running' -ProcessId 12
        Mock -CommandName Read-SvcForgeStatusFile -ModuleName SvcForge -MockWith { [pscustomobject]@{ state = 'running'; release = '2.0.0'; pid = 12 } }
        Mock -CommandName Get-SvcForgeServiceState -ModuleName SvcForge -MockWith { [pscustomobject]@{ Name = 'gin-hello'; State = 'Running'; StartupType = 'Automatic'; ProcessId = 7 } }
        $thrown = Get-TestError { Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile $script:Status -Version '3.0.0' -TimeoutSeconds 1 -Step 'restart' }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SvcForge.RestartTimeout*'
    }

    It 'restarts the whole service when this run changed the host (its exe), even on the release it runs' {
        Write-TestStatus -Path $script:Status -Release '2.0.0' -ProcessId 12
        InModuleScope SvcForge { Add-SvcForgeRestartReason -Reason 'host-exe' }
        try {
            Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
                Write-TestStatus -Path (Join-Path $TestDrive 'status.json') -Release '2.0.0' -State 'starting' -Health $null -ProcessId 34
                [pscustomobject]@{ ExitCode = 0; Output = '' }
            }
            $record = Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile $script:Status -Version '2.0.0' -TimeoutSeconds 5 -Step 'restart'
            $record.detail | Should -Be 'restarted (host-exe changed) gin-hello: release 2.0.0 -> 2.0.0 (PID 12 -> 34)'
            Should -Invoke -CommandName Stop-SvcForgeServiceInternal -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { $Name -eq 'gin-hello' -and $State -eq 'Running' }
            Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'start gin-hello' }
            Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0 -ParameterFilter { $ArgumentList[0] -eq 'control' }
        }
        finally {
            Reset-SvcForgeRestartReason
        }
    }

    It 'restarts the whole service for a pending restart an earlier apply --no-restart left, and removes the marker' {
        # The marker's Windows path resolves into TestDrive through a C: PSDrive (as the shim does).
        $root = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'c') -Force
        # Another test file may have left its own C: drive in the global scope of this run.
        if (Get-PSDrive -Name C -ErrorAction SilentlyContinue) { Remove-PSDrive -Name C -Scope Global -Force }
        $null = New-PSDrive -Name C -PSProvider FileSystem -Root $root.FullName -Scope Global
        try {
            $marker = 'C:\data\gin-hello.restart-pending.json'
            $null = New-Item -ItemType Directory -Path 'C:\data' -Force
            InModuleScope SvcForge -Parameters @{ Marker = $marker } { Write-SvcForgeRestartPending -Path $Marker -Reason @('host-conf') -Since '2026-12-05T09:00:00Z' -Step 'start' }
            $record = Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile $script:Status -Version '2.0.0' -TimeoutSeconds 5 -RestartPendingFile $marker -Step 'restart'
            $record.detail | Should -Be 'restarted (host-conf changed) gin-hello: release 1.0.0 -> 2.0.0 (PID 12 -> 34)'
            Should -Invoke -CommandName Stop-SvcForgeServiceInternal -ModuleName SvcForge -Times 1 -Exactly
            Test-Path -LiteralPath $marker | Should -BeFalse
        }
        finally {
            Remove-PSDrive -Name C -Scope Global -Force
        }
    }

    It 'falls back to a stop and a start when the host does not know control 129 (exit 1052)' {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -ParameterFilter { $ArgumentList[0] -eq 'control' } -MockWith { [pscustomobject]@{ ExitCode = 1052; Output = '' } }
        $record = Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile $script:Status -Version '2.0.0' -TimeoutSeconds 5 -Step 'restart'
        $record.detail | Should -Be 'restarted gin-hello: release 1.0.0 -> 2.0.0 (PID 12 -> 34)'
        Should -Invoke -CommandName Stop-SvcForgeServiceInternal -ModuleName SvcForge -Times 1 -Exactly
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'start gin-hello' }
    }

    It 'only starts a stopped service' {
        Mock -CommandName Get-SvcForgeServiceState -ModuleName SvcForge -MockWith { [pscustomobject]@{ Name = 'gin-hello'; State = 'Stopped'; StartupType = 'Automatic'; ProcessId = 0 } }
        (Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile $script:Status -Version '2.0.0' -TimeoutSeconds 5).detail | Should -BeLike 'started gin-hello: release 1.0.0 -> 2.0.0*'
        Should -Invoke -CommandName Stop-SvcForgeServiceInternal -ModuleName SvcForge -Times 0
    }

    It 'throws SvcForge.RestartTimeout with what status.json said when the release never starts' {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
            Write-TestStatus -Path (Join-Path $TestDrive 'status.json') -Release '1.0.0' -State 'backoff' -ProcessId 0
            [pscustomobject]@{ ExitCode = 0; Output = '' }
        }
        $thrown = Get-TestError { Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile $script:Status -Version '2.0.0' -TimeoutSeconds 1 -Step 'restart' }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SvcForge.RestartTimeout*'
        $thrown.Exception.Message | Should -BeLike "*did not start release 2.0.0 within 1 s (status.json says state 'backoff', release '1.0.0'*"
    }

    It 'under -WhatIf stops and starts nothing' {
        (Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile $script:Status -Version '2.0.0' -WhatIf).detail | Should -Be 'would restart gin-hello: release 1.0.0 -> 2.0.0'
        Should -Invoke -CommandName Stop-SvcForgeServiceInternal -ModuleName SvcForge -Times 0
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }
}

Describe 'Wait-SvcForgeReleaseGate' {
    BeforeEach {
        $script:Status = Join-Path $TestDrive "status-$([guid]::NewGuid().ToString('N').Substring(0, 6)).json"
        $script:StatePath = Join-Path $TestDrive "releases-$([guid]::NewGuid().ToString('N').Substring(0, 6)).json"
        $script:Logs = Join-Path $TestDrive "logs-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $null = New-Item -ItemType Directory -Path $script:Logs
        Set-Content -LiteralPath (Join-Path $script:Logs 'gin-hello.err.log') -Encoding UTF8 -Value @(1..30 | ForEach-Object { "err line $_" })
        $script:Gate = @{ Name = 'gin-hello'; StatusFile = $script:Status; StatePath = $script:StatePath; Version = '2.0.0'; HealthTimeoutSeconds = 1; MinHealthySeconds = 1; HealthChecked = $true; LogDir = $script:Logs; Step = 'gate' }
    }

    It 'passes when the release is healthy and stays so; records passed and lastGood' {
        Write-TestStatus -Path $script:Status -Release '2.0.0'
        $record = Wait-SvcForgeReleaseGate @script:Gate
        $record.status | Should -Be 'changed'
        $record.detail | Should -Match '^release 2\.0\.0 healthy after \d+\.\d s, stayed healthy 1 s$'
        $state = Get-SvcForgeReleaseState -StatePath $script:StatePath -ReleasesDir $TestDrive
        $state.lastGood | Should -Be '2.0.0'
        $state.releases[0].gate | Should -Be 'passed'
        $state.releases[0].gateAt | Should -Not -BeNullOrEmpty
    }

    It 'is unchanged without waiting when the current release passed before and passes now' {
        Set-Content -LiteralPath $script:StatePath -Encoding UTF8 -Value '{"schemaVersion":1,"current":"2.0.0","lastGood":"2.0.0","releases":[{"version":"2.0.0","deployedAt":"2026-01-01T00:00:00.000Z","gate":"passed","gateAt":"2026-01-01T00:00:10.000Z","reason":null}]}'
        Write-TestStatus -Path $script:Status -Release '2.0.0'
        $gate = @{} + $script:Gate
        $gate.MinHealthySeconds = 60
        $record = Wait-SvcForgeReleaseGate @gate
        $record.status | Should -Be 'unchanged'
        $record.detail | Should -Be 'release 2.0.0 is current and healthy'
    }

    It 'does not need last_health when the spec has no health check' {
        Write-TestStatus -Path $script:Status -Release '2.0.0' -Health $null
        $gate = @{} + $script:Gate
        $gate.HealthChecked = $false
        $gate.MinHealthySeconds = 0
        (Wait-SvcForgeReleaseGate @gate).status | Should -Be 'changed'
    }

    It 'fails with <Why> and the log tail: SvcForge.GateFailed, state failed with the reason' -ForEach @(
        @{ Why = 'an unhealthy check'; Release = '2.0.0'; State = 'running'; Health = 'unhealthy: HTTP 500'; Expected = "*never passed within 1 s: last_health 'unhealthy: HTTP 500'*" }
        @{ Why = 'the program not running'; Release = '2.0.0'; State = 'backoff'; Health = $null; Expected = '*never passed within 1 s: not running (state backoff*' }
        @{ Why = 'the old release still running'; Release = '1.0.0'; State = 'running'; Health = 'healthy'; Expected = "*the supervisor runs release '1.0.0', not 2.0.0*" }
    ) {
        Write-TestStatus -Path $script:Status -Release $Release -State $State -Health $Health
        $thrown = Get-TestError { Wait-SvcForgeReleaseGate @script:Gate }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SvcForge.GateFailed*'
        $thrown.TargetObject | Should -Be 'gate'
        $thrown.Exception.Message | Should -BeLike $Expected
        $thrown.Exception.Message | Should -BeLike '*--- gin-hello.err.log (last 20 lines)*err line 11*err line 30'
        $thrown.Exception.Message | Should -Not -BeLike '*err line 10*'
        $thrown.Exception.Data['reason'] | Should -BeLike $Expected
        $state = Get-SvcForgeReleaseState -StatePath $script:StatePath -ReleasesDir $TestDrive
        $state.releases[0].gate | Should -Be 'failed'
        $state.releases[0].reason | Should -BeLike $Expected
        $state.lastGood | Should -BeNullOrEmpty
    }

    It 'fails when the restart count goes up while it should stay healthy' {
        Write-TestStatus -Path $script:Status -Release '2.0.0'
        $script:reads = 0
        Mock -CommandName Read-SvcForgeStatusFile -ModuleName SvcForge -MockWith {
            $script:reads++
            $restarts = 0
            if ($script:reads -ge 3) { $restarts = 2 }
            [pscustomobject]@{ state = 'running'; release = '2.0.0'; last_health = 'healthy'; restarts = $restarts; pid = 34 }
        }
        $gate = @{} + $script:Gate
        $gate.MinHealthySeconds = 5
        $thrown = Get-TestError { Wait-SvcForgeReleaseGate @gate }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'SvcForge.GateFailed*'
        $thrown.Exception.Message | Should -BeLike '*passed, then the program restarted 2 time(s) within 5 s (restarts 0 -> 2*'
    }

    It 'fails when the pid changes while it should stay healthy' {
        $script:reads = 0
        Mock -CommandName Read-SvcForgeStatusFile -ModuleName SvcForge -MockWith {
            $script:reads++
            $processId = 34
            if ($script:reads -ge 2) { $processId = 35 }
            [pscustomobject]@{ state = 'running'; release = '2.0.0'; last_health = 'healthy'; restarts = 0; pid = $processId }
        }
        $gate = @{} + $script:Gate
        $gate.MinHealthySeconds = 5
        (Get-TestError { Wait-SvcForgeReleaseGate @gate }).Exception.Message | Should -BeLike '*its process changed (PID 34 -> 35)*'
    }
}

Describe 'Remove-SvcForgeOldRelease' {
    BeforeEach {
        $script:Releases = Join-Path $TestDrive "prune-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $script:StatePath = Join-Path $script:Releases 'releases.json'
        $entries = foreach ($index in 1..6) {
            $version = "$index.0.0"
            $null = New-Item -ItemType Directory -Path (Join-Path $script:Releases $version) -Force
            "{`"version`":`"$version`",`"deployedAt`":`"2026-0$index-01T00:00:00.000Z`",`"gate`":`"passed`",`"gateAt`":null,`"reason`":null}"
        }
        # current is the oldest (a rollback), lastGood the second oldest.
        Set-Content -LiteralPath $script:StatePath -Encoding UTF8 -Value "{`"schemaVersion`":1,`"current`":`"1.0.0`",`"lastGood`":`"2.0.0`",`"releases`":[$($entries -join ',')]}"
        $null = New-Item -ItemType Directory -Path (Join-Path $script:Releases 'hand-made') -Force
        $null = New-Item -ItemType Directory -Path (Join-Path $script:Releases '.partial-7.0.0-0badc0de') -Force
    }

    It 'keeps the newest Keep plus current and lastGood, leaves unknown folders, removes leftovers' {
        $record = Remove-SvcForgeOldRelease -ReleasesDir $script:Releases -StatePath $script:StatePath -Keep 2 -Step 'prune'
        $record.status | Should -Be 'changed'
        $record.detail | Should -Be 'removed releases 4.0.0, 3.0.0 (keep 2)'
        $record.changes | Should -Contain 'removed leftover .partial-7.0.0-0badc0de'
        @(Get-ChildItem -LiteralPath $script:Releases -Directory -Force | ForEach-Object { $_.Name } | Sort-Object) | Should -Be @('1.0.0', '2.0.0', '5.0.0', '6.0.0', 'hand-made')
        $state = Get-SvcForgeReleaseState -StatePath $script:StatePath -ReleasesDir $script:Releases
        @($state.releases | ForEach-Object { $_.version }) | Should -Be @('6.0.0', '5.0.0', '2.0.0', '1.0.0')
        (Remove-SvcForgeOldRelease -ReleasesDir $script:Releases -StatePath $script:StatePath -Keep 2 -Step 'prune').status | Should -Be 'unchanged'
    }

    It 'warns and keeps going when a release folder cannot be removed' {
        Mock -CommandName Rename-Item -ModuleName SvcForge -ParameterFilter { $LiteralPath -like '*3.0.0' } -MockWith { throw [System.IO.IOException]::new('in use') }
        $record = Remove-SvcForgeOldRelease -ReleasesDir $script:Releases -StatePath $script:StatePath -Keep 2
        $record.status | Should -Be 'changed'
        $record.detail | Should -BeLike 'removed releases 4.0.0 (keep 2); warning: could not remove release 3.0.0 (in use)*'
        Test-Path -LiteralPath (Join-Path $script:Releases '3.0.0') | Should -BeTrue
        @((Get-SvcForgeReleaseState -StatePath $script:StatePath -ReleasesDir $script:Releases).releases | ForEach-Object { $_.version }) | Should -Contain '3.0.0'
    }

    It 'under -WhatIf removes nothing' {
        $record = Remove-SvcForgeOldRelease -ReleasesDir $script:Releases -StatePath $script:StatePath -Keep 2 -WhatIf
        $record.detail | Should -Be 'would remove releases 4.0.0, 3.0.0 (keep 2)'
        @(Get-ChildItem -LiteralPath $script:Releases -Directory -Force).Count | Should -Be 8
    }
}
