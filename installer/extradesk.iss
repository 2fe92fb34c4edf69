; Inno Setup script (Windows): packs the PyInstaller folder dist\extradesk into an installer.
; Build on Windows after `make dist`: iscc installer\extradesk.iss
#define AppVersion "0.1.0"

[Setup]
AppId={{8E1F4B8A-6A55-4C8B-9A3E-5D2C71E0A9B4}
AppName=extradesk
AppVersion={#AppVersion}
AppPublisher=extradesk
DefaultDirName={autopf}\extradesk
DefaultGroupName=extradesk
OutputBaseFilename=extradesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequiredOverridesAllowed=dialog

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Files]
Source: "..\dist\extradesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\extradesk"; Filename: "{app}\extradesk.exe"; Parameters: "gui"
Name: "{autodesktop}\extradesk"; Filename: "{app}\extradesk.exe"; Parameters: "gui"

[Run]
Filename: "{app}\extradesk.exe"; Parameters: "gui"; Description: "Lancer extradesk"; Flags: nowait postinstall skipifsilent
