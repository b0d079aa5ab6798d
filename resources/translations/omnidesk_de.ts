<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../omnidesk/app.py" line="330"/>
        <source>This database has no cases yet.</source>
        <translation>Diese Datenbank enthält noch keine Fälle.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/app.py" line="334"/>
        <source>Fill it with made-up demo cases to try OmniDesk? They can be told apart by their example.net addresses.</source>
        <translation>Mit erfundenen Demo-Fällen füllen, um OmniDesk auszuprobieren? Sie sind an ihren example.net-Adressen zu erkennen.</translation>
    </message>
</context>
<context>
    <name>CaseDetailPane</name>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="63"/>
        <source>Conversation</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="64"/>
        <source>History</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="85"/>
        <source>Select a case to read its conversation.</source>
        <translation>Wählen Sie einen Fall, um seinen Verlauf zu lesen.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="107"/>
        <source>unassigned</source>
        <translation>nicht zugewiesen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="111"/>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="118"/>
        <source>unknown customer</source>
        <translation>unbekannter Kunde</translation>
    </message>
</context>
<context>
    <name>CaseHtml</name>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="33"/>
        <source>No messages yet.</source>
        <translation>Noch keine Nachrichten.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="42"/>
        <source>Nothing has happened on this case yet.</source>
        <translation>In diesem Fall ist noch nichts geschehen.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="61"/>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="69"/>
        <source>Open commitments</source>
        <translation>Offene Zusagen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="88"/>
        <source>Internal note by {author}</source>
        <translation>Interne Notiz von {author}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="92"/>
        <source>unknown sender</source>
        <translation>unbekannter Absender</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="95"/>
        <source>(no text)</source>
        <translation>(kein Text)</translation>
    </message>
</context>
<context>
    <name>CaseStatus</name>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="14"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="15"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="16"/>
        <source>Waiting on customer</source>
        <translation>Wartet auf Kunden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="17"/>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="56"/>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="57"/>
        <source>The case number customers see in every message</source>
        <translation>Die Fallnummer, die Kunden in jeder Nachricht sehen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="60"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="61"/>
        <source>Who wrote to us</source>
        <translation>Wer uns geschrieben hat</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="64"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="65"/>
        <source>What the case is about</source>
        <translation>Worum es in dem Fall geht</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="68"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="69"/>
        <source>The channels the customer used on this case</source>
        <translation>Die Kanäle, über die der Kunde in diesem Fall geschrieben hat</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="72"/>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="73"/>
        <source>The one agent responsible until the case is resolved</source>
        <translation>Die eine Person, die bis zur Lösung zuständig ist</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="76"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="77"/>
        <source>Where the case stands</source>
        <translation>Wo der Fall steht</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="80"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="81"/>
        <source>How long the customer has been waiting for us</source>
        <translation>Wie lange der Kunde schon auf uns wartet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="84"/>
        <source>Next commitment</source>
        <translation>Nächste Zusage</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="85"/>
        <source>When the next promise to the customer is due</source>
        <translation>Wann die nächste Zusage an den Kunden fällig ist</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="282"/>
        <source>Nobody owns this case yet: claim it to answer the customer</source>
        <translation>Noch niemand ist zuständig: übernehmen Sie den Fall, um dem Kunden zu antworten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="284"/>
        <source>Waiting since {time}</source>
        <translation>Wartet seit {time}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="290"/>
        <source>Overdue since {time}</source>
        <translation>Überfällig seit {time}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="291"/>
        <source>Due {time}</source>
        <translation>Fällig {time}</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="21"/>
        <source>email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="22"/>
        <source>web form</source>
        <translation>Webformular</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="23"/>
        <source>chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="24"/>
        <source>phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="25"/>
        <source>note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>CommitmentKind</name>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="35"/>
        <source>Call back</source>
        <translation>Rückruf</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="36"/>
        <source>Follow up</source>
        <translation>Nachfassen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="37"/>
        <source>Send something</source>
        <translation>Etwas schicken</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="38"/>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
</context>
<context>
    <name>Direction</name>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="29"/>
        <source>from the customer</source>
        <translation>vom Kunden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="30"/>
        <source>to the customer</source>
        <translation>an den Kunden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="31"/>
        <source>internal note</source>
        <translation>interne Notiz</translation>
    </message>
</context>
<context>
    <name>Due</name>
    <message>
        <location filename="../../omnidesk/ui/timefmt.py" line="58"/>
        <source>today {time}</source>
        <translation>heute {time}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/timefmt.py" line="60"/>
        <source>tomorrow {time}</source>
        <translation>morgen {time}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/timefmt.py" line="62"/>
        <source>yesterday {time}</source>
        <translation>gestern {time}</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../../omnidesk/ui/timefmt.py" line="24"/>
        <source>now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/timefmt.py" line="26"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/timefmt.py" line="29"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n Std.</numerusform>
            <numerusform>%n Std.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/timefmt.py" line="30"/>
        <source>%n d</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorDialogs</name>
    <message>
        <location filename="../../omnidesk/ui/views/error_dialogs.py" line="22"/>
        <source>OmniDesk</source>
        <translation>OmniDesk</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/error_dialogs.py" line="50"/>
        <source>OmniDesk ran into a bug</source>
        <translation>OmniDesk ist auf einen Fehler gestoßen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/error_dialogs.py" line="51"/>
        <source>Something went wrong that OmniDesk did not expect. Your data is safe; the action that failed may need to be repeated.</source>
        <translation>Etwas ist schiefgegangen, womit OmniDesk nicht gerechnet hat. Ihre Daten sind sicher; die fehlgeschlagene Aktion muss eventuell wiederholt werden.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/error_dialogs.py" line="60"/>
        <source>The details were written to {log_file}. Please include them when you report the problem: {summary}</source>
        <translation>Die Einzelheiten stehen in {log_file}. Bitte fügen Sie sie bei, wenn Sie das Problem melden: {summary}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="114"/>
        <source>case #{number} is owned by {owner}</source>
        <translation>Fall #{number} gehört {owner}</translation>
    </message>
</context>
<context>
    <name>EventKind</name>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="42"/>
        <source>case created</source>
        <translation>Fall angelegt</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="43"/>
        <source>claimed</source>
        <translation>übernommen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="44"/>
        <source>handed over</source>
        <translation>übergeben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="45"/>
        <source>status changed</source>
        <translation>Status geändert</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="46"/>
        <source>reopened</source>
        <translation>wieder geöffnet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="47"/>
        <source>message received</source>
        <translation>Nachricht erhalten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="48"/>
        <source>reply queued</source>
        <translation>Antwort eingereiht</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="49"/>
        <source>note added</source>
        <translation>Notiz hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="50"/>
        <source>commitment added</source>
        <translation>Zusage hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="51"/>
        <source>commitment done</source>
        <translation>Zusage erfüllt</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="52"/>
        <source>commitment cancelled</source>
        <translation>Zusage zurückgenommen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="53"/>
        <source>priority changed</source>
        <translation>Priorität geändert</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="54"/>
        <source>tag added</source>
        <translation>Schlagwort hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="55"/>
        <source>tag removed</source>
        <translation>Schlagwort entfernt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="112"/>
        <source>&amp;Claim</source>
        <translation>Ü&amp;bernehmen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="117"/>
        <source>Become the owner of the selected case until it is resolved</source>
        <translation>Für den gewählten Fall zuständig werden, bis er gelöst ist</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="122"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="126"/>
        <source>Load the cases and counts again</source>
        <translation>Fälle und Zahlen neu laden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="129"/>
        <source>Case actions</source>
        <translation>Fallaktionen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="145"/>
        <source>The database this window works on</source>
        <translation>Die Datenbank, mit der dieses Fenster arbeitet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="217"/>
        <source>Select a case first.</source>
        <translation>Wählen Sie zuerst einen Fall.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="257"/>
        <source>There is no agent named “{name}” in this database.</source>
        <translation>In dieser Datenbank gibt es keine Agentin und keinen Agenten namens „{name}“.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="261"/>
        <source>OmniDesk does not know which agent you are yet.</source>
        <translation>OmniDesk weiß noch nicht, wer Sie sind.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="263"/>
        <source>To claim cases, put your agent name in the settings file {file}, for example: agent = &quot;anna&quot;. If you are not an agent yet, create yourself with: omnidesk agent add NAME --email ADDRESS. Then start OmniDesk again.</source>
        <translation>Um Fälle zu übernehmen, tragen Sie Ihren Namen in die Einstellungsdatei {file} ein, zum Beispiel: agent = "anna". Wenn es Sie noch nicht gibt, legen Sie sich an mit: omnidesk agent add NAME --email ADRESSE. Starten Sie OmniDesk dann neu.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="267"/>
        <source>Who are you?</source>
        <translation>Wer sind Sie?</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="271"/>
        <source>Agent: {name}</source>
        <translation>Angemeldet: {name}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="274"/>
        <source>Agent “{name}” not found</source>
        <translation>„{name}“ nicht gefunden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="277"/>
        <source>No agent set</source>
        <translation>Niemand angemeldet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="313"/>
        <source>No cases in this view.</source>
        <translation>Keine Fälle in dieser Ansicht.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="336"/>
        <source>Refreshed.</source>
        <translation>Aktualisiert.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="340"/>
        <source>You now own case #{number}.</source>
        <translation>Sie sind jetzt für Fall #{number} zuständig.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="343"/>
        <source>You already own case #{number}.</source>
        <translation>Sie sind bereits für Fall #{number} zuständig.</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/models/sidebar.py" line="88"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n Fall</numerusform>
            <numerusform>%n Fälle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>View</name>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="59"/>
        <source>My cases</source>
        <translation>Meine Fälle</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="60"/>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="61"/>
        <source>Waiting on customer</source>
        <translation>Wartet auf Kunden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="62"/>
        <source>Commitments</source>
        <translation>Zusagen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="63"/>
        <source>All open</source>
        <translation>Alle offenen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="64"/>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="65"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="69"/>
        <source>Open cases you own</source>
        <translation>Offene Fälle, für die Sie zuständig sind</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="70"/>
        <source>Open cases nobody owns yet, longest waiting first</source>
        <translation>Offene Fälle ohne Zuständige, am längsten wartende zuerst</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="71"/>
        <source>Cases waiting for the customer&apos;s answer</source>
        <translation>Fälle, die auf die Antwort des Kunden warten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="72"/>
        <source>Cases with a promise still to keep</source>
        <translation>Fälle mit einer noch offenen Zusage</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="73"/>
        <source>Every case not yet resolved, longest waiting first</source>
        <translation>Alle noch nicht gelösten Fälle, am längsten wartende zuerst</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="74"/>
        <source>Resolved cases</source>
        <translation>Gelöste Fälle</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="75"/>
        <source>Every case</source>
        <translation>Alle Fälle</translation>
    </message>
</context>
</TS>
