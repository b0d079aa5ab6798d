; Inno Setup script for OmniDesk on Windows.
; Build the bundle first (python packaging\build.py), then: iscc packaging\windows\omnidesk.iss
#define AppVersion "0.1.0"

[Setup]
AppId={{6E3C2D52-0D6B-4B53-9C7C-5A8F0B3E4D11}
AppName=OmniDesk
AppVersion={#AppVersion}
AppPublisher=OmniDesk developers
DefaultDirName={autopf}\OmniDesk
DefaultGroupName=OmniDesk
UninstallDisplayIcon={app}\omnidesk.exe
OutputDir=..\out\dist
OutputBaseFilename=OmniDesk-{#AppVersion}-setup
SetupIconFile=..\out\icons\omnidesk.ico
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
VersionInfoVersion={#AppVersion}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\out\dist\omnidesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\OmniDesk"; Filename: "{app}\omnidesk.exe"
Name: "{group}\{cm:UninstallProgram,OmniDesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\OmniDesk"; Filename: "{app}\omnidesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\omnidesk.exe"; Description: "{cm:LaunchProgram,OmniDesk}"; Flags: nowait postinstall skipifsilent
