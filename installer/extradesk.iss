; Inno Setup script (Windows): packs the PyInstaller folder dist\extradesk into an installer.
; Build on Windows after `make dist`: iscc installer\extradesk.iss
; The folder holds extradesk.exe (the windowed application) and extradesk-cli.exe (the
; command line, for scripts and scheduled tasks), sharing one set of libraries.
;
; The version is read from src\extradesk\__init__.py (its `__version__ = "X.Y.Z"` line);
; `iscc /DAppVersion=X.Y.Z installer\extradesk.iss` overrides it.
#ifndef AppVersion
  #define VersionFile AddBackslash(SourcePath) + "..\src\extradesk\__init__.py"
  #define VersionPrefix '__version__ = "'
  #define VersionLine ""
  #define Handle FileOpen(VersionFile)
  #if !Handle
    #error Cannot open src\extradesk\__init__.py to read the version
  #endif
  #sub ReadVersionLine
    #define Line FileRead(Handle)
    #if Pos(VersionPrefix, Line) == 1
      #define VersionLine Line
    #endif
  #endsub
  #for {0; !FileEof(Handle) && VersionLine == ""; 0} ReadVersionLine
  #expr FileClose(Handle)
  #if VersionLine == ""
    #error No __version__ line in src\extradesk\__init__.py
  #endif
  ; What lies between `__version__ = "` and the closing quote.
  #define AppVersion Copy(VersionLine, Len(VersionPrefix) + 1, Len(VersionLine) - Len(VersionPrefix) - 1)
#endif

[Setup]
AppId={{8E1F4B8A-6A55-4C8B-9A3E-5D2C71E0A9B4}
AppName=extradesk
AppVersion={#AppVersion}
AppPublisher=extradesk
; Per-user by default, without administrator rights: {autopf} is then the user's
; Programs folder. The dialog lets an administrator install for every user instead.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\extradesk
DefaultGroupName=extradesk
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\extradesk.exe
OutputBaseFilename=extradesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\extradesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{autoprograms}\extradesk"; Filename: "{app}\extradesk.exe"
Name: "{autodesktop}\extradesk"; Filename: "{app}\extradesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\extradesk.exe"; Description: "{cm:LaunchProgram,extradesk}"; Flags: nowait postinstall skipifsilent
