function Get-SvcForgeReleaseEntryProblem {
    # Why a zip entry name cannot be unpacked safely under releases\<version>\, or $null.
    # Refuses what could write outside the folder (absolute paths, drives, '..'), what
    # Windows would store under another name (trailing dot or space, device names) and
    # NTFS alternate data streams (':'). Entry names use '/' as the zip format says; a '\'
    # is refused rather than guessed at.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string]$EntryName
    )
    if ($EntryName.Length -eq 0) {
        return 'has an empty name'
    }
    if ($EntryName -match '^[A-Za-z]:([/\\]|$)') {
        return 'starts with a drive letter (an absolute path)'
    }
    if ($EntryName.StartsWith('/') -or $EntryName.StartsWith('\')) {
        return 'is an absolute path'
    }
    $name = $EntryName
    if ($name.EndsWith('/')) {
        $name = $name.Substring(0, $name.Length - 1)
    }
    foreach ($segment in $name.Split('/')) {
        if ($segment -eq '..') {
            return "has a '..' segment (it would write outside the release folder)"
        }
        if ($segment -eq '' -or $segment -eq '.') {
            return "has an empty or '.' segment"
        }
        if ($segment.Contains(':')) {
            return "has ':' in '$segment' (an NTFS alternate data stream, or a drive)"
        }
        if ($segment.Contains('\')) {
            return "has '\' in '$segment' (zip entries separate folders with '/')"
        }
        if ($segment -match '[<>"|?*\x00-\x1f]') {
            return "has a character Windows forbids in file names in '$segment'"
        }
        if ($segment.EndsWith('.') -or $segment.EndsWith(' ')) {
            return "has '$segment', which ends in a dot or space that Windows drops"
        }
        if ($segment -match '^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9]|CONIN\$|CONOUT\$)(\..*)?$') {
            return "has '$segment', a Windows reserved device name"
        }
    }
    return $null
}
