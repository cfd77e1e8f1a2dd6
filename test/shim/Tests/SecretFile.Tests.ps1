# Set-SvcForgeSecretFile against the record-mode shim in this process: the real icacls.exe
# stand-in and Get-Acl store, so the ACL identities and idempotency are real.
BeforeAll {
    $script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..' '..' '..')).ProviderPath
    Import-Module (Join-Path $script:RepoRoot 'test' 'shim' 'SvcForgeShim.psm1') -Force
    Initialize-SvcForgeShim -Mode record -StateDirectory (Join-Path $TestDrive 'state')
    Import-Module (Join-Path $script:RepoRoot 'ps-scripts' 'SvcForge' 'SvcForge.psd1') -Force
    $null = New-Item -ItemType Directory -Path 'C:\ProgramData\svcforge\app' -Force
    $script:File = 'C:\ProgramData\svcforge\app\secrets.dat'
    $script:Blob1 = 'AQAAAFdpbmUgQ3J5cHQzMiBvawABAAAA'
    $script:Blob2 = 'AQAAAFdpbmUgQ3J5cHQzMiBvawACAAAB'
    function Get-TestFileAcl {
        $state = Get-SvcForgeShimState
        $state.acls[$script:File.ToLowerInvariant()]
    }
}

Describe 'Set-SvcForgeSecretFile' {
    It 'under -WhatIf on a clean machine says what it would do and writes nothing' {
        $record = Set-SvcForgeSecretFile -Path $script:File -Entry @{ B_TOKEN = $script:Blob1 } -ReadAccount 'NT SERVICE\app' -Step 'secrets' -WhatIf
        $record.status | Should -Be 'changed'
        $record.detail | Should -Match '^would update'
        $record.changes | Should -Contain 'added secret B_TOKEN'
        Test-Path -LiteralPath $script:File | Should -BeFalse
    }

    It 'creates the file: sorted NAME=BLOB lines with CRLF, Administrators and SYSTEM full, the service account read, inheritance off' {
        $record = Set-SvcForgeSecretFile -Path $script:File -Entry @{ B_TOKEN = $script:Blob1; A_KEY = $script:Blob2 } -ReadAccount 'NT SERVICE\app' -Step 'secrets'
        $record.status | Should -Be 'changed'
        $record.step | Should -Be 'secrets'
        $record.detail | Should -Not -Match ([regex]::Escape($script:Blob1))
        Get-Content -LiteralPath $script:File -Raw | Should -BeExactly "A_KEY=$($script:Blob2)`r`nB_TOKEN=$($script:Blob1)`r`n"
        $acl = Get-TestFileAcl
        $acl.protected | Should -BeTrue
        $entries = @($acl.entries | Sort-Object -Property identity | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.identity, $_.rights, $_.inheritanceFlags, $_.inherited })
        $entries.Count | Should -Be 3
        $entries[0] | Should -Be 'BUILTIN\Administrators|2032127|0|False'
        $entries[1] | Should -Be 'NT AUTHORITY\SYSTEM|2032127|0|False'
        # The virtual account NT SERVICE\app is granted by its service SID (S-1-5-80-<SHA-1 of the name>).
        $entries[2] | Should -Match '^S-1-5-80-(\d+-){4}\d+\|1179785\|0\|False$'
    }

    It 'is unchanged with the same blobs, and changes nothing under -WhatIf either' {
        $record = Set-SvcForgeSecretFile -Path $script:File -Entry @{ A_KEY = $script:Blob2; B_TOKEN = $script:Blob1 } -ReadAccount 'NT SERVICE\app' -Step 'secrets'
        $record.status | Should -Be 'unchanged'
        (Set-SvcForgeSecretFile -Path $script:File -Entry @{ A_KEY = $script:Blob2; B_TOKEN = $script:Blob1 } -ReadAccount 'NT SERVICE\app' -WhatIf).status | Should -Be 'unchanged'
    }

    It 'rewrites only a changed blob and names it; -WhatIf leaves the file as it was' {
        $before = Get-Content -LiteralPath $script:File -Raw
        $whatIf = Set-SvcForgeSecretFile -Path $script:File -Entry @{ A_KEY = $script:Blob1; B_TOKEN = $script:Blob1 } -ReadAccount 'NT SERVICE\app' -WhatIf
        $whatIf.changes | Should -Be @('changed secret A_KEY')
        Get-Content -LiteralPath $script:File -Raw | Should -BeExactly $before
        $record = Set-SvcForgeSecretFile -Path $script:File -Entry @{ A_KEY = $script:Blob1; B_TOKEN = $script:Blob1 } -ReadAccount 'NT SERVICE\app'
        $record.status | Should -Be 'changed'
        $record.changes | Should -Be @('changed secret A_KEY')
        Get-Content -LiteralPath $script:File -Raw | Should -BeExactly "A_KEY=$($script:Blob1)`r`nB_TOKEN=$($script:Blob1)`r`n"
    }

    It 'removes an extra ACL entry someone added (Users read)' {
        & icacls.exe $script:File /grant '*S-1-5-32-545:R' | Out-Null
        $record = Set-SvcForgeSecretFile -Path $script:File -Entry @{ A_KEY = $script:Blob1; B_TOKEN = $script:Blob1 } -ReadAccount 'NT SERVICE\app'
        $record.status | Should -Be 'changed'
        ($record.changes -join '|') | Should -Match 'removed BUILTIN\\Users'
        @((Get-TestFileAcl).entries | Where-Object identity -EQ 'BUILTIN\Users').Count | Should -Be 0
    }

    It 'refuses a value that is not a base64 blob (a clear value by mistake) without echoing it' {
        { Set-SvcForgeSecretFile -Path $script:File -Entry @{ A_KEY = 'hunter2 clear' } -ReadAccount 'NT SERVICE\app' } | Should -Throw -ExpectedMessage '*not a base64 blob*'
        try { Set-SvcForgeSecretFile -Path $script:File -Entry @{ A_KEY = 'hunter2 clear' } -ReadAccount 'NT SERVICE\app' } catch { $_.Exception.Message | Should -Not -Match 'hunter2' }
    }
}
