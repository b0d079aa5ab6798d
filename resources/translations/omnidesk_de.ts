<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../omnidesk/app.py" line="351"/>
        <source>This database has no cases yet.</source>
        <translation>Diese Datenbank enthält noch keine Fälle.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/app.py" line="355"/>
        <source>Fill it with made-up demo cases to try OmniDesk? They can be told apart by their example.net addresses.</source>
        <translation>Mit erfundenen Demo-Fällen füllen, um OmniDesk auszuprobieren? Sie sind an ihren example.net-Adressen zu erkennen.</translation>
    </message>
</context>
<context>
    <name>AgentFiguresModel</name>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="43"/>
        <source>Agent</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="44"/>
        <source>Kept on time</source>
        <translation>Pünktlich gehalten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="45"/>
        <source>Kept late</source>
        <translation>Verspätet gehalten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="46"/>
        <source>Broken</source>
        <translation>Gebrochen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="47"/>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="48"/>
        <source>First response (median)</source>
        <translation>Erste Antwort (Median)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="49"/>
        <source>First response (80%)</source>
        <translation>Erste Antwort (80 %)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="50"/>
        <source>Resolution (median)</source>
        <translation>Lösung (Median)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="51"/>
        <source>Resolution (80%)</source>
        <translation>Lösung (80 %)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="52"/>
        <source>Contacts per resolution</source>
        <translation>Kontakte pro Lösung</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="55"/>
        <source>Promises still open after they were due</source>
        <translation>Zusagen, die nach ihrer Fälligkeit noch offen sind</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="58"/>
        <source>4 of 5 customers heard from us sooner than this</source>
        <translation>4 von 5 Kunden hörten früher von uns</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="61"/>
        <source>Customer messages per resolved case (1.0: solved at first contact)</source>
        <translation>Kundennachrichten pro gelöstem Fall (1,0: beim ersten Kontakt gelöst)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/agent_figures.py" line="120"/>
        <source>Whole team</source>
        <translation>Ganzes Team</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>Next attempt: nobody answered</source>
        <translation>Nächster Versuch: niemand erreicht</translation>
    </message>
    <message>
        <source>Call again? #{number}</source>
        <translation>Erneut anrufen? #{number}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="160"/>
        <source>Resolve case</source>
        <translation>Fall lösen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="160"/>
        <source>Resolve case #{number}?</source>
        <translation>Fall #{number} lösen?</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="160"/>
        <source>OmniDesk can email the customer “Did this solve your problem?” with a yes and a no link. If they answer no, the case opens again and stays yours.</source>
        <translation>OmniDesk kann dem Kunden per E-Mail „Hat das Ihr Problem gelöst?“ mit einem Ja- und einem Nein-Link schicken. Antwortet er mit Nein, öffnet sich der Fall wieder und bleibt bei Ihnen.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="160"/>
        <source>Resolve and &amp;ask the customer</source>
        <translation>Lösen und Kunden &amp;fragen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="160"/>
        <source>&amp;Resolve only</source>
        <translation>Nur &amp;lösen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="160"/>
        <source>Case #{number} is resolved; the customer is asked to confirm.</source>
        <translation>Fall #{number} ist gelöst; der Kunde wird um Bestätigung gebeten.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="92"/>
        <source>You now own case #{number}.</source>
        <translation>Sie sind jetzt für Fall #{number} zuständig.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="95"/>
        <source>You already own case #{number}.</source>
        <translation>Sie sind bereits für Fall #{number} zuständig.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="125"/>
        <source>Case #{number} handed over to {name}.</source>
        <translation>Fall #{number} an {name} übergeben.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="144"/>
        <source>Case #{number} is already “{status}”.</source>
        <translation>Fall #{number} ist bereits „{status}“.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="156"/>
        <source>Case #{number} is now “{status}”.</source>
        <translation>Fall #{number} ist jetzt „{status}“.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/case_actions.py" line="171"/>
        <source>Case #{number} cannot be resolved yet: %n promise(s) to the customer are open.</source>
        <translation>
            <numerusform>Fall #{number} kann noch nicht gelöst werden: %n Zusage an den Kunden ist offen.</numerusform>
            <numerusform>Fall #{number} kann noch nicht gelöst werden: %n Zusagen an den Kunden sind offen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="175"/>
        <source>Open commitments</source>
        <translation>Offene Zusagen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="180"/>
        <source>Keep them (Case ▸ Complete commitment) or cancel them with a reason (Case ▸ Cancel commitment), then resolve the case.

{list}</source>
        <translation>Erfüllen Sie sie (Fall ▸ Zusage erfüllen) oder nehmen Sie sie mit Begründung zurück (Fall ▸ Zusage zurücknehmen) und lösen Sie den Fall dann.

{list}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="210"/>
        <source>Commitment added to #{number}: {kind}, {due}</source>
        <translation>Zusage zu #{number} hinzugefügt: {kind}, {due}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="228"/>
        <source>Case #{number} has no open commitments.</source>
        <translation>Fall #{number} hat keine offenen Zusagen.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="229"/>
        <source>Commitments</source>
        <translation>Zusagen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="247"/>
        <source>Commitment on #{number} cancelled.</source>
        <translation>Zusage zu #{number} zurückgenommen.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="252"/>
        <source>Commitment on #{number} done.</source>
        <translation>Zusage zu #{number} erfüllt.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="281"/>
        <source>Message moved from #{number} to #{target}.</source>
        <translation>Nachricht von #{number} nach #{target} verschoben.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="297"/>
        <source>Split into a new case</source>
        <translation>In einen neuen Fall abtrennen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="299"/>
        <source>The message leaves case #{number} and starts a new case for the same customer. Both cases record who split it and why.</source>
        <translation>Die Nachricht verlässt Fall #{number} und beginnt einen neuen Fall für denselben Kunden. Beide Fälle halten fest, wer sie abgetrennt hat und warum.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="302"/>
        <source>&amp;Why:</source>
        <translation>&amp;Warum:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="303"/>
        <source>Split</source>
        <translation>Abtrennen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="304"/>
        <source>e.g. a different problem than this case</source>
        <translation>z. B. ein anderes Problem als in diesem Fall</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="320"/>
        <source>Message split from #{number} into the new case #{created}.</source>
        <translation>Nachricht aus #{number} in den neuen Fall #{created} abgetrennt.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="333"/>
        <source>Select a case first.</source>
        <translation>Wählen Sie zuerst einen Fall.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="344"/>
        <source>There is no agent named “{name}” in this database.</source>
        <translation>In dieser Datenbank gibt es niemanden namens „{name}“.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="346"/>
        <source>OmniDesk does not know which agent you are yet.</source>
        <translation>OmniDesk weiß noch nicht, wer Sie sind.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="348"/>
        <source>Choose your agent name in Settings ▸ Profile, or put it in the settings file {file}, for example: agent = &quot;anna&quot;. If you are not an agent yet, create yourself with: omnidesk agent add NAME --email ADDRESS.</source>
        <translation>Wählen Sie Ihren Namen unter Einstellungen ▸ Profil oder tragen Sie ihn in die Einstellungsdatei {file} ein, zum Beispiel: agent = &quot;anna&quot;. Wenn es Sie noch nicht gibt, legen Sie sich an mit: omnidesk agent add NAME --email ADRESSE.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/case_actions.py" line="352"/>
        <source>Who are you?</source>
        <translation>Wer sind Sie?</translation>
    </message>
</context>
<context>
    <name>CaseDetailPane</name>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="70"/>
        <source>Conversation</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="71"/>
        <source>History</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="105"/>
        <source>Select a case to read its conversation.</source>
        <translation>Wählen Sie einen Fall, um seinen Verlauf zu lesen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/views/case_detail.py" line="145"/>
        <source>%n open commitment(s), next: {kind} {due}</source>
        <translation>
            <numerusform>%n offene Zusage: {kind} {due}</numerusform>
            <numerusform>%n offene Zusagen, nächste: {kind} {due}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="159"/>
        <source>unassigned</source>
        <translation>nicht zugewiesen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="163"/>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_detail.py" line="170"/>
        <source>unknown customer</source>
        <translation>unbekannter Kunde</translation>
    </message>
</context>
<context>
    <name>CaseExport</name>
    <message>
        <location filename="../../omnidesk/ui/export.py" line="33"/>
        <source>unassigned</source>
        <translation>nicht zugewiesen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/export.py" line="36"/>
        <source>Status: {status} · Owner: {owner} · Customer: {customer} ({identities})</source>
        <translation>Status: {status} · Zuständig: {owner} · Kunde: {customer} ({identities})</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/export.py" line="44"/>
        <source>Printed {time}</source>
        <translation>Gedruckt {time}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/export.py" line="47"/>
        <source>History</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/export.py" line="94"/>
        <source>Export case as PDF</source>
        <translation>Fall als PDF exportieren</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/export.py" line="97"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/export.py" line="107"/>
        <source>Cannot write {file}: {error}</source>
        <translation>{file} kann nicht geschrieben werden: {error}</translation>
    </message>
</context>
<context>
    <name>CaseHtml</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>(unnamed file)</source>
        <translation>(Datei ohne Namen)</translation>
    </message>
    <message>
        <source>Loading images…</source>
        <translation>Bilder werden geladen…</translation>
    </message>
    <message>
        <source>{count} of the images could not be loaded.</source>
        <translation>{count} der Bilder konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>Remote images were blocked.</source>
        <translation>Externe Bilder wurden blockiert.</translation>
    </message>
    <message>
        <source>Load images</source>
        <translation>Bilder laden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="42"/>
        <source>No messages yet.</source>
        <translation>Noch keine Nachrichten.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="55"/>
        <source>Nothing has happened on this case yet.</source>
        <translation>In diesem Fall ist noch nichts geschehen.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="74"/>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="83"/>
        <source>done</source>
        <translation>erfüllt</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="84"/>
        <source>cancel…</source>
        <translation>zurücknehmen…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="92"/>
        <source>Open commitments</source>
        <translation>Offene Zusagen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="111"/>
        <source>Internal note by {author}</source>
        <translation>Interne Notiz von {author}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="115"/>
        <source>unknown sender</source>
        <translation>unbekannter Absender</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="121"/>
        <source>(no text)</source>
        <translation>(kein Text)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="138"/>
        <source>Why here: {reason}</source>
        <translation>Warum hier: {reason}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="143"/>
        <source>move to another case…</source>
        <translation>in anderen Fall verschieben…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/case_html.py" line="144"/>
        <source>split into new case…</source>
        <translation>in neuen Fall abtrennen…</translation>
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
        <location filename="../../omnidesk/ui/models/case_table.py" line="57"/>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="58"/>
        <source>The case number customers see in every message</source>
        <translation>Die Fallnummer, die Kunden in jeder Nachricht sehen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="61"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="62"/>
        <source>Who wrote to us</source>
        <translation>Wer uns geschrieben hat</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="65"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="66"/>
        <source>What the case is about</source>
        <translation>Worum es in dem Fall geht</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="69"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="70"/>
        <source>The channels the customer used on this case</source>
        <translation>Die Kanäle, über die der Kunde in diesem Fall geschrieben hat</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="73"/>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="74"/>
        <source>The one agent responsible until the case is resolved</source>
        <translation>Die eine Person, die bis zur Lösung zuständig ist</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="77"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="78"/>
        <source>Where the case stands</source>
        <translation>Wo der Fall steht</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="81"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="82"/>
        <source>How long the customer has been waiting for us</source>
        <translation>Wie lange der Kunde schon auf uns wartet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="85"/>
        <source>Next commitment</source>
        <translation>Nächste Zusage</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="86"/>
        <source>When the next promise to the customer is due</source>
        <translation>Wann die nächste Zusage an den Kunden fällig ist</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="299"/>
        <source>A new message from the customer you have not read yet</source>
        <translation>Eine neue Nachricht des Kunden, die Sie noch nicht gelesen haben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="301"/>
        <source>Nobody owns this case yet: claim it to answer the customer</source>
        <translation>Noch niemand ist zuständig: übernehmen Sie den Fall, um dem Kunden zu antworten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="303"/>
        <source>Waiting since {time}</source>
        <translation>Wartet seit {time}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="309"/>
        <source>Overdue since {time}</source>
        <translation>Überfällig seit {time}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/case_table.py" line="310"/>
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
    <name>CloseCommitmentDialog</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Reached the customer</source>
        <translation>Kunde erreicht</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Niemand erreicht</translation>
    </message>
    <message>
        <source>Left a voicemail</source>
        <translation>Auf die Mailbox gesprochen</translation>
    </message>
    <message>
        <source>The &amp;call:</source>
        <translation>Der &amp;Anruf:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="30"/>
        <source>Cancel a commitment on #{number}</source>
        <translation>Zusage zu #{number} zurücknehmen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="32"/>
        <source>A promise to the customer is cancelled only with a reason the team can read later (for example: the customer no longer needs the call).</source>
        <translation>Eine Zusage an den Kunden wird nur mit einer Begründung zurückgenommen, die das Team später nachlesen kann (zum Beispiel: Der Kunde braucht den Rückruf nicht mehr).</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="35"/>
        <source>Cancel commitment</source>
        <translation>Zusage zurücknehmen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="37"/>
        <source>Complete a commitment on #{number}</source>
        <translation>Zusage zu #{number} erfüllen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="38"/>
        <source>Mark the promise as kept. Say how it went if that helps later.</source>
        <translation>Die Zusage als eingehalten markieren. Sagen Sie, wie es gelaufen ist, wenn das später hilft.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="39"/>
        <source>Mark as done</source>
        <translation>Als erfüllt markieren</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="55"/>
        <source>Why is the promise no longer needed?</source>
        <translation>Warum wird die Zusage nicht mehr gebraucht?</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="56"/>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="60"/>
        <source>&amp;Commitment:</source>
        <translation>&amp;Zusage:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="57"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="59"/>
        <source>e.g. called back, customer happy (optional)</source>
        <translation>z. B. zurückgerufen, Kunde zufrieden (freiwillig)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/close_commitment.py" line="61"/>
        <source>&amp;Outcome:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
</context>
<context>
    <name>CommitmentDialog</name>
    <message>
        <source>e.g. I will call you tomorrow at 10 (optional; sent as a reply)</source>
        <translation>z. B. Ich rufe Sie morgen um 10 Uhr an (optional; geht als Antwort raus)</translation>
    </message>
    <message>
        <source>&amp;Tell the customer:</source>
        <translation>Dem &amp;Kunden sagen:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="55"/>
        <source>New commitment on #{number}</source>
        <translation>Neue Zusage zu #{number}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="57"/>
        <source>A commitment is a promise to the customer with a due time. OmniDesk reminds its owner and will not resolve the case while it is open.</source>
        <translation>Eine Zusage ist ein Versprechen an den Kunden mit einem Termin. OmniDesk erinnert die zuständige Person und löst den Fall nicht, solange sie offen ist.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="60"/>
        <source>Add commitment</source>
        <translation>Zusage hinzufügen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="74"/>
        <source>tomorrow 10:00, in 2h, Friday, morgen früh</source>
        <translation>morgen 10:00, in 2h, Freitag, morgen früh</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="79"/>
        <source>What exactly was promised (optional)</source>
        <translation>Was genau versprochen wurde (freiwillig)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="80"/>
        <source>&amp;Promise:</source>
        <translation>&amp;Zusage:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="81"/>
        <source>&amp;Due:</source>
        <translation>&amp;Fällig:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="83"/>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="101"/>
        <source>When is it due?</source>
        <translation>Wann ist sie fällig?</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="112"/>
        <source>OmniDesk cannot read this as a due time. Try: tomorrow 10:00, in 2h, Friday, next monday 9:00, 2026-12-01 10:30, morgen früh, heute 16 Uhr.</source>
        <translation>OmniDesk kann das nicht als Termin lesen. Versuchen Sie: morgen 10:00, in 2h, Freitag, heute 16 Uhr, morgen früh, 2026-12-01 10:30, next monday 9:00.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="119"/>
        <source>Due {when}</source>
        <translation>Fällig {when}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/commitment.py" line="124"/>
        <source>That time is already past: a promise needs a future time.</source>
        <translation>Dieser Zeitpunkt ist schon vorbei: Eine Zusage braucht einen Termin in der Zukunft.</translation>
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
    <name>ComposerPane</name>
    <message>
        <source>Not sent: something new arrived on #{number} since you began this reply. It is shown above; read it, then send again if your reply still fits.</source>
        <translation>Nicht gesendet: Zu #{number} ist etwas Neues eingegangen, seit Sie diese Antwort begonnen haben. Es steht oben; lesen Sie es und senden Sie erneut, wenn Ihre Antwort noch passt.</translation>
    </message>
    <message>
        <source>Files cannot be sent in a chat. Choose “by email”, or remove the files and tell the customer where to find the information.</source>
        <translation>Dateien können nicht im Chat gesendet werden. Wählen Sie „per E-Mail“ oder entfernen Sie die Dateien und sagen Sie dem Kunden, wo er die Information findet.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="100"/>
        <source>&amp;Send reply or note</source>
        <translation>Antwort oder Notiz &amp;senden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="200"/>
        <source>Write something first.</source>
        <translation>Schreiben Sie zuerst etwas.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="226"/>
        <source>Draft not saved: {error}</source>
        <translation>Entwurf nicht gespeichert: {error}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="232"/>
        <source>Draft saved {time}</source>
        <translation>Entwurf gespeichert {time}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="317"/>
        <source>Note added to #{number}.</source>
        <translation>Notiz zu #{number} hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="320"/>
        <source>Reply to #{number} queued for sending.</source>
        <translation>Antwort zu #{number} zum Versand eingereiht.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="331"/>
        <source>Not sent: {error}</source>
        <translation>Nicht gesendet: {error}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="340"/>
        <source>Ask {owner} for case #{number}</source>
        <translation>{owner} um Fall #{number} bitten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="344"/>
        <source>Your request is added to the case as an internal note for {owner}. Your reply stays here as a draft until the case is yours.</source>
        <translation>Ihre Bitte wird dem Fall als interne Notiz für {owner} hinzugefügt. Ihre Antwort bleibt hier als Entwurf, bis der Fall Ihnen gehört.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="347"/>
        <source>&amp;Why:</source>
        <translation>&amp;Warum:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="348"/>
        <source>Ask for handover</source>
        <translation>Um Übergabe bitten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="349"/>
        <source>e.g. the customer called me about it</source>
        <translation>z. B. der Kunde hat mich deswegen angerufen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="361"/>
        <source>Handover request to {owner}: {reason}</source>
        <translation>Bitte um Übergabe an {owner}: {reason}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="371"/>
        <source>Asked {owner} to hand over #{number}.</source>
        <translation>{owner} um Übergabe von #{number} gebeten.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="393"/>
        <source>Draft from {time}</source>
        <translation>Entwurf von {time}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="425"/>
        <source>No saved replies yet (add them in Settings)</source>
        <translation>Noch keine Textbausteine (in den Einstellungen anlegen)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="448"/>
        <source>+ signature</source>
        <translation>+ Signatur</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="465"/>
        <source>Add &amp;note</source>
        <translation>&amp;Notiz hinzufügen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="467"/>
        <source>&amp;Send…</source>
        <translation>&amp;Senden…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="469"/>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="472"/>
        <source>Set your agent name in Settings to write replies and notes.</source>
        <translation>Tragen Sie Ihren Namen in den Einstellungen ein, um Antworten und Notizen zu schreiben.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="475"/>
        <source>Select a case to write on it.</source>
        <translation>Wählen Sie einen Fall, um darin zu schreiben.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="478"/>
        <source>Internal note: only agents see it. Ctrl+Enter adds it.</source>
        <translation>Interne Notiz: Nur das Team sieht sie. Strg+Eingabe fügt sie hinzu.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="481"/>
        <source>the customer</source>
        <translation>den Kunden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/pane.py" line="483"/>
        <source>Reply to {customer}… Ctrl+Enter sends.</source>
        <translation>Antwort an {customer}… Strg+Eingabe sendet.</translation>
    </message>
</context>
<context>
    <name>ComposerWidgets</name>
    <message>
        <location filename="../../omnidesk/ui/composer/editor.py" line="54"/>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/editor.py" line="55"/>
        <source>Internal note</source>
        <translation>Interne Notiz</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/editor.py" line="56"/>
        <source>Write to the customer (R)</source>
        <translation>An den Kunden schreiben (R)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/editor.py" line="57"/>
        <source>Write a note only agents see (N)</source>
        <translation>Eine Notiz nur für das Team schreiben (N)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/editor.py" line="68"/>
        <source>by email</source>
        <translation>per E-Mail</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/editor.py" line="69"/>
        <source>by chat</source>
        <translation>per Chat</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/editor.py" line="70"/>
        <source>How the reply reaches the customer</source>
        <translation>Wie die Antwort den Kunden erreicht</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/editor.py" line="74"/>
        <source>Saved replies</source>
        <translation>Textbausteine</translation>
    </message>
</context>
<context>
    <name>CustomerClocks</name>
    <message>
        <location filename="../../omnidesk/ui/views/customer_clocks.py" line="25"/>
        <source>Waited on us: {time} in total</source>
        <translation>Wartete auf uns: insgesamt {time}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/customer_clocks.py" line="27"/>
        <source>(waiting now)</source>
        <translation>(wartet gerade)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/customer_clocks.py" line="31"/>
        <source>Contacts per case: {cases}</source>
        <translation>Kontakte pro Fall: {cases}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/views/customer_clocks.py" line="39"/>
        <source>#{number}: %n contact(s), waited {waited}, first response after {first}, resolved after {resolved}</source>
        <translation>
            <numerusform>#{number}: %n Kontakt, wartete {waited}, erste Antwort nach {first}, gelöst nach {resolved}</numerusform>
            <numerusform>#{number}: %n Kontakte, wartete {waited}, erste Antwort nach {first}, gelöst nach {resolved}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Merge with…</source>
        <translation>Zusammenführen mit…</translation>
    </message>
    <message>
        <source>Another record of this person (a second address, a chat) joins this one</source>
        <translation>Ein anderer Datensatz dieser Person (eine zweite Adresse, ein Chat) kommt zu diesem</translation>
    </message>
    <message>
        <source>Merged {other} into this customer. &lt;a href='undo'&gt;Undo&lt;/a&gt;</source>
        <translation>{other} mit diesem Kunden zusammengeführt. &lt;a href='undo'&gt;Rückgängig&lt;/a&gt;</translation>
    </message>
    <message>
        <source>The merge was undone.</source>
        <translation>Die Zusammenführung wurde rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Customer records merged.</source>
        <translation>Kundendatensätze zusammengeführt.</translation>
    </message>
    <message>
        <source>Merge undone.</source>
        <translation>Zusammenführung rückgängig gemacht.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/customer_panel.py" line="111"/>
        <source>Their other cases cannot be listed here yet.</source>
        <translation>Weitere Fälle dieses Kunden lassen sich hier noch nicht auflisten.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/customer_panel.py" line="114"/>
        <source>Looking for their cases…</source>
        <translation>Suche die Fälle dieses Kunden…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/views/customer_panel.py" line="132"/>
        <source>%n case(s) from this customer</source>
        <translation>
            <numerusform>%n Fall dieses Kunden</numerusform>
            <numerusform>%n Fälle dieses Kunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="35"/>
        <source>Alone: a SQLite file on this computer. As a team: one PostgreSQL database that every desktop and the gateway share. Takes effect after a restart.</source>
        <translation>Allein: eine SQLite-Datei auf diesem Computer. Im Team: eine PostgreSQL-Datenbank, die alle Arbeitsplätze und das Gateway teilen. Wirkt nach einem Neustart.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="39"/>
        <source>SQLite file in OmniDesk&apos;s data folder</source>
        <translation>SQLite-Datei im Datenordner von OmniDesk</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="41"/>
        <source>Another database:</source>
        <translation>Andere Datenbank:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="51"/>
        <source>A PostgreSQL URL, or the path of a SQLite file. Keep passwords out of the URL: PostgreSQL reads them from ~/.pgpass.</source>
        <translation>Eine PostgreSQL-URL oder der Pfad einer SQLite-Datei. Passwörter gehören nicht in die URL: PostgreSQL liest sie aus ~/.pgpass.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="55"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="61"/>
        <source>&amp;URL or file:</source>
        <translation>&amp;URL oder Datei:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="68"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="87"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="98"/>
        <source>Enter a PostgreSQL URL or the path of a SQLite file.</source>
        <translation>Geben Sie eine PostgreSQL-URL oder den Pfad einer SQLite-Datei ein.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="104"/>
        <source>Leave the password out of the URL: OmniDesk never writes passwords into its settings file. Put it in ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows) instead.</source>
        <translation>Lassen Sie das Passwort aus der URL weg: OmniDesk schreibt nie Passwörter in seine Einstellungsdatei. Legen Sie es stattdessen in ~/.pgpass ab (unter Windows %APPDATA%\postgresql\pgpass.conf).</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/database_page.py" line="117"/>
        <source>Connected to {url}.</source>
        <translation>Verbunden mit {url}.</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <source>&amp;Away…</source>
        <translation>&amp;Abwesend…</translation>
    </message>
    <message>
        <source>Be away: a deputy covers your cases and commitments until you are back</source>
        <translation>Abwesend sein: eine Vertretung übernimmt Ihre Fälle und Zusagen, bis Sie zurück sind</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="50"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="51"/>
        <source>Mail accounts, database, profile, language</source>
        <translation>E-Mail-Konten, Datenbank, Profil, Sprache</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="57"/>
        <source>&amp;Export case as PDF…</source>
        <translation>Fall als PDF e&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="58"/>
        <source>Save the case&apos;s conversation and history as a PDF file</source>
        <translation>Verlauf und Protokoll des Falls als PDF-Datei speichern</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="64"/>
        <source>&amp;Print case…</source>
        <translation>Fall &amp;drucken…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="65"/>
        <source>Print the case&apos;s conversation</source>
        <translation>Den Verlauf des Falls drucken</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="71"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="72"/>
        <source>Close OmniDesk</source>
        <translation>OmniDesk schließen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="78"/>
        <source>&amp;Claim</source>
        <translation>Ü&amp;bernehmen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="79"/>
        <source>Become the owner of the selected case until it is resolved</source>
        <translation>Für den gewählten Fall zuständig werden, bis er gelöst ist</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="85"/>
        <source>&amp;Reply</source>
        <translation>&amp;Antworten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="86"/>
        <source>Write to the customer</source>
        <translation>An den Kunden schreiben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="92"/>
        <source>Internal &amp;note</source>
        <translation>Interne &amp;Notiz</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="93"/>
        <source>Write a note only agents see</source>
        <translation>Eine Notiz nur für das Team schreiben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="101"/>
        <source>&amp;Hand over…</source>
        <translation>Über&amp;geben…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="102"/>
        <source>Give the case to another agent, with a reason</source>
        <translation>Den Fall mit Begründung an eine andere Person geben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="108"/>
        <source>Mark as &amp;open</source>
        <translation>Als &amp;offen markieren</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="109"/>
        <source>The case needs work from us</source>
        <translation>Der Fall braucht Arbeit von uns</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="113"/>
        <source>Mark as &amp;waiting on customer</source>
        <translation>Als &amp;wartend auf Kunden markieren</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="114"/>
        <source>The next step is the customer&apos;s</source>
        <translation>Der nächste Schritt liegt beim Kunden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="119"/>
        <source>Re&amp;solve</source>
        <translation>&amp;Lösen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="120"/>
        <source>Close the case; refused while a commitment is open</source>
        <translation>Den Fall abschließen; nicht möglich, solange eine Zusage offen ist</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="126"/>
        <source>&amp;Add commitment…</source>
        <translation>Zusage &amp;hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="127"/>
        <source>Record a promise to the customer with a due time</source>
        <translation>Ein Versprechen an den Kunden mit Termin festhalten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="133"/>
        <source>C&amp;omplete commitment…</source>
        <translation>Zusage &amp;erfüllen…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="134"/>
        <source>Mark a promise as kept</source>
        <translation>Eine Zusage als eingehalten markieren</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="138"/>
        <source>Ca&amp;ncel commitment…</source>
        <translation>Zusage &amp;zurücknehmen…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="139"/>
        <source>Withdraw a promise, with a reason</source>
        <translation>Eine Zusage mit Begründung zurücknehmen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="144"/>
        <source>&amp;Next case</source>
        <translation>&amp;Nächster Fall</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="145"/>
        <source>Open the case below in the list</source>
        <translation>Den Fall darunter in der Liste öffnen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="150"/>
        <source>&amp;Previous case</source>
        <translation>&amp;Vorheriger Fall</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="151"/>
        <source>Open the case above in the list</source>
        <translation>Den Fall darüber in der Liste öffnen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="156"/>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="157"/>
        <source>Search all cases</source>
        <translation>Alle Fälle durchsuchen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="162"/>
        <source>Event &amp;log</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="163"/>
        <source>Who did what on this case, and why</source>
        <translation>Wer in diesem Fall was getan hat, und warum</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="168"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="172"/>
        <source>Re&amp;port…</source>
        <translation>&amp;Bericht…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="173"/>
        <source>Commitments kept, response and resolution times, per agent and week</source>
        <translation>Gehaltene Zusagen, Antwort- und Lösungszeiten, pro Mitarbeiter und Woche</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="169"/>
        <source>Load the cases and counts again</source>
        <translation>Fälle und Zahlen neu laden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="175"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="176"/>
        <source>Show every shortcut</source>
        <translation>Alle Tastenkürzel zeigen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="187"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="189"/>
        <source>&amp;Case</source>
        <translation>&amp;Fall</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="205"/>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/actions.py" line="208"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
</context>
<context>
    <name>DeskTray</name>
    <message>
        <location filename="../../omnidesk/ui/tray.py" line="26"/>
        <source>Show OmniDesk</source>
        <translation>OmniDesk zeigen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/tray.py" line="45"/>
        <source>OmniDesk — %n unread case(s)</source>
        <translation>
            <numerusform>OmniDesk — %n ungelesener Fall</numerusform>
            <numerusform>OmniDesk — %n ungelesene Fälle</numerusform>
        </translation>
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
        <location filename="../../omnidesk/ui/labels.py" line="120"/>
        <source>case #{number} is owned by {owner}</source>
        <translation>Fall #{number} gehört {owner}</translation>
    </message>
</context>
<context>
    <name>EventKind</name>
    <message>
        <source>customer records merged</source>
        <translation>Kundendatensätze zusammengeführt</translation>
    </message>
    <message>
        <source>customer merge undone</source>
        <translation>Zusammenführung der Kunden rückgängig gemacht</translation>
    </message>
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
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="56"/>
        <source>moved a message out</source>
        <translation>Nachricht hinausverschoben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="57"/>
        <source>moved a message in</source>
        <translation>Nachricht hereinverschoben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="58"/>
        <source>sent despite the pre-send check</source>
        <translation>trotz Prüfung vor dem Senden gesendet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="59"/>
        <source>no automatic mail sent</source>
        <translation>keine automatische E-Mail gesendet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="60"/>
        <source>customer asked to confirm</source>
        <translation>Kunde um Bestätigung gebeten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="61"/>
        <source>customer confirmed</source>
        <translation>Kunde hat bestätigt</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="62"/>
        <source>customer says not solved</source>
        <translation>Kunde: nicht gelöst</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../omnidesk/ui/composer/findings.py" line="64"/>
        <source>Fix the reply, or send it as it is.</source>
        <translation>Verbessern Sie die Antwort oder senden Sie sie so, wie sie ist.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/findings.py" line="66"/>
        <source>Send &amp;anyway</source>
        <translation>&amp;Trotzdem senden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/findings.py" line="69"/>
        <source>Send the reply unchanged; the findings are overridden for this reply</source>
        <translation>Die Antwort unverändert senden; die Hinweise gelten für diese Antwort als übergangen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/composer/findings.py" line="95"/>
        <source>Before this reply leaves: %n thing(s) to check</source>
        <translation>
            <numerusform>Bevor diese Antwort hinausgeht: %n Punkt zu prüfen</numerusform>
            <numerusform>Bevor diese Antwort hinausgeht: %n Punkte zu prüfen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/findings.py" line="118"/>
        <source>Almost certainly a mistake</source>
        <translation>Fast sicher ein Versehen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/findings.py" line="120"/>
        <source>Worth a second look</source>
        <translation>Einen zweiten Blick wert</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/findings.py" line="131"/>
        <source>Add commitment: {kind}, {due}</source>
        <translation>Zusage hinzufügen: {kind}, {due}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/findings.py" line="135"/>
        <source>Add commitment…</source>
        <translation>Zusage hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/composer/findings.py" line="146"/>
        <source>show</source>
        <translation>zeigen</translation>
    </message>
</context>
<context>
    <name>GatewayPage</name>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="22"/>
        <source>The gateway serves the web form and the chat to customers&apos; browsers. Changes take effect when the gateway starts again.</source>
        <translation>Das Gateway liefert Webformular und Chat an die Browser der Kunden. Änderungen wirken, sobald das Gateway neu startet.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="34"/>
        <source>Example Support</source>
        <translation>Beispiel-Support</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="41"/>
        <source> h</source>
        <translation> Std.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="45"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="46"/>
        <source>&amp;Listen on:</source>
        <translation>&amp;Lauscht auf:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="47"/>
        <source>&amp;Public address:</source>
        <translation>Ö&amp;ffentliche Adresse:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="48"/>
        <source>&amp;Team name:</source>
        <translation>&amp;Teamname:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="49"/>
        <source>&amp;Embedded in sites:</source>
        <translation>&amp;Eingebettet in Websites:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="50"/>
        <source>&amp;Promised response time:</source>
        <translation>&amp;Versprochene Antwortzeit:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="51"/>
        <source>Unseen chat replies go by &amp;email after:</source>
        <translation>Ungelesene Chat-Antworten per &amp;E-Mail nach:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/gateway_page.py" line="54"/>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../omnidesk/ui/dialogs/handover.py" line="27"/>
        <source>Hand over case #{number}</source>
        <translation>Fall #{number} übergeben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/handover.py" line="29"/>
        <source>The case and its open commitments go to the new owner. The customer keeps one person responsible; the reason is kept in the case&apos;s history.</source>
        <translation>Der Fall und seine offenen Zusagen gehen an die neue zuständige Person. Der Kunde behält eine Ansprechperson; die Begründung steht im Protokoll des Falls.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/handover.py" line="32"/>
        <source>Hand over</source>
        <translation>Übergeben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/handover.py" line="43"/>
        <source>{name} (me)</source>
        <translation>{name} (ich)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/handover.py" line="47"/>
        <source>e.g. Ben knows this customer&apos;s contract</source>
        <translation>z. B. Ben kennt den Vertrag dieses Kunden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/handover.py" line="48"/>
        <source>&amp;To:</source>
        <translation>&amp;An:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/handover.py" line="49"/>
        <source>&amp;Why:</source>
        <translation>&amp;Warum:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/handover.py" line="51"/>
        <source>There is no other active agent to hand the case to.</source>
        <translation>Es gibt keine andere aktive Person, an die der Fall gehen könnte.</translation>
    </message>
</context>
<context>
    <name>MailPage</name>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="59"/>
        <source>The mailboxes customers write to. OmniDesk reads them over IMAP; passwords are kept in the system keyring, never in the settings file.</source>
        <translation>Die Postfächer, an die Kunden schreiben. OmniDesk liest sie per IMAP; Passwörter liegen im Schlüsselbund des Systems, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="70"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="72"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="101"/>
        <source>TLS (port 993)</source>
        <translation>TLS (Port 993)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="102"/>
        <source>STARTTLS (port 143)</source>
        <translation>STARTTLS (Port 143)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="103"/>
        <source>None (this computer only)</source>
        <translation>Keine (nur dieser Computer)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="113"/>
        <source>leave empty to keep the stored password</source>
        <translation>leer lassen, um das gespeicherte Passwort zu behalten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="117"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="118"/>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="119"/>
        <source>Se&amp;curity:</source>
        <translation>&amp;Sicherheit:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="120"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="121"/>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="122"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="123"/>
        <source>&amp;Folders:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="124"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="132"/>
        <source>Mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="152"/>
        <source>Two mail accounts have the same name.</source>
        <translation>Zwei E-Mail-Konten haben denselben Namen.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="275"/>
        <source>Connecting to {host}…</source>
        <translation>Verbinde mit {host}…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/settings/mail_page.py" line="286"/>
        <source>Connected and logged in: %n folder(s) found.</source>
        <translation>
            <numerusform>Verbunden und angemeldet: %n Ordner gefunden.</numerusform>
            <numerusform>Verbunden und angemeldet: %n Ordner gefunden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Away…</source>
        <translation>&amp;Abwesend…</translation>
    </message>
    <message>
        <source>I am &amp;back</source>
        <translation>Ich bin &amp;zurück</translation>
    </message>
    <message>
        <source>Agent: {name} (away)</source>
        <translation>Agent: {name} (abwesend)</translation>
    </message>
    <message>
        <source>Set your agent name in the settings first.</source>
        <translation>Tragen Sie zuerst Ihren Agentennamen in den Einstellungen ein.</translation>
    </message>
    <message>
        <source>You are away. Welcome back whenever you are.</source>
        <translation>Sie sind als abwesend eingetragen. Willkommen zurück, wann immer Sie wiederkommen.</translation>
    </message>
    <message>
        <source>Welcome back.</source>
        <translation>Willkommen zurück.</translation>
    </message>
    <message>
        <source>Connection to the database is back.</source>
        <translation>Die Verbindung zur Datenbank steht wieder.</translation>
    </message>
    <message>
        <source>Connection to the database lost: reconnecting. Your drafts are kept.</source>
        <translation>Verbindung zur Datenbank verloren: verbinde neu. Ihre Entwürfe bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="232"/>
        <source>Case actions</source>
        <translation>Fallaktionen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="247"/>
        <source>The database this window works on</source>
        <translation>Die Datenbank, mit der dieses Fenster arbeitet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="389"/>
        <source>Select a case first.</source>
        <translation>Wählen Sie zuerst einen Fall.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="132"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="437"/>
        <source>Agent: {name}</source>
        <translation>Angemeldet: {name}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="440"/>
        <source>Agent “{name}” not found</source>
        <translation>„{name}“ nicht gefunden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="443"/>
        <source>No agent set</source>
        <translation>Niemand angemeldet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="496"/>
        <source>No cases in this view.</source>
        <translation>Keine Fälle in dieser Ansicht.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="553"/>
        <source>Settings saved. Restart OmniDesk to use all of them.</source>
        <translation>Einstellungen gespeichert. Starten Sie OmniDesk neu, damit alle wirken.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="555"/>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mainwindow.py" line="562"/>
        <source>Refreshed.</source>
        <translation>Aktualisiert.</translation>
    </message>
</context>
<context>
    <name>MoveMessageDialog</name>
    <message>
        <location filename="../../omnidesk/ui/dialogs/move_message.py" line="16"/>
        <source>Move message to another case</source>
        <translation>Nachricht in einen anderen Fall verschieben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/move_message.py" line="18"/>
        <source>The message leaves case #{number}. Both cases record who moved it and why.</source>
        <translation>Die Nachricht verlässt Fall #{number}. Beide Fälle halten fest, wer sie verschoben hat und warum.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/move_message.py" line="20"/>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/move_message.py" line="28"/>
        <source>It was put here because: {reason}</source>
        <translation>Sie wurde hier einsortiert, weil: {reason}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/move_message.py" line="35"/>
        <source>e.g. a new question, not about this order</source>
        <translation>z. B. eine neue Frage, nicht zu dieser Bestellung</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/move_message.py" line="36"/>
        <source>To &amp;case:</source>
        <translation>In &amp;Fall:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/move_message.py" line="37"/>
        <source>&amp;Why:</source>
        <translation>&amp;Warum:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/move_message.py" line="53"/>
        <source>A case number is digits, like 1042 or #1042.</source>
        <translation>Eine Fallnummer besteht aus Ziffern, etwa 1042 oder #1042.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/move_message.py" line="55"/>
        <source>The message is already on this case.</source>
        <translation>Die Nachricht gehört schon zu diesem Fall.</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>{owner}'s promise on #{number} is overdue: {kind}</source>
        <translation>Zusage von {owner} zu #{number} ist überfällig: {kind}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/notifier.py" line="116"/>
        <source>New message on #{number}: {subject}</source>
        <translation>Neue Nachricht zu #{number}: {subject}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/notifier.py" line="133"/>
        <source>Overdue on #{number}: {kind}</source>
        <translation>Überfällig zu #{number}: {kind}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/notifier.py" line="135"/>
        <source>Due soon on #{number}: {kind}</source>
        <translation>Bald fällig zu #{number}: {kind}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/notifier.py" line="138"/>
        <source>{subject} — due {due}</source>
        <translation>{subject} — fällig {due}</translation>
    </message>
</context>
<context>
    <name>OnBehalfQuestion</name>
    <message>
        <location filename="../../omnidesk/ui/dialogs/on_behalf.py" line="28"/>
        <source>This case has an owner</source>
        <translation>Dieser Fall hat eine zuständige Person</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/on_behalf.py" line="30"/>
        <source>{owner} owns this case.</source>
        <translation>{owner} ist für diesen Fall zuständig.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/on_behalf.py" line="35"/>
        <source>You can answer the customer on behalf of {owner}: the case stays theirs and the log shows that you replied. Or ask {owner} to hand the case over to you.</source>
        <translation>Sie können dem Kunden im Auftrag von {owner} antworten: Der Fall bleibt, wo er ist, und das Protokoll zeigt, dass Sie geantwortet haben. Oder bitten Sie {owner}, Ihnen den Fall zu übergeben.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/on_behalf.py" line="42"/>
        <source>Reply on behalf of {owner}</source>
        <translation>Im Auftrag von {owner} antworten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/dialogs/on_behalf.py" line="49"/>
        <source>Ask for a handover…</source>
        <translation>Um Übergabe bitten…</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="24"/>
        <source>Which agent you are on this desktop, and how your replies are signed.</source>
        <translation>Wer Sie an diesem Arbeitsplatz sind und wie Ihre Antworten unterschrieben werden.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="30"/>
        <source>Your agent name (see: omnidesk agent list)</source>
        <translation>Ihr Name im Team (siehe: omnidesk agent list)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="36"/>
        <source>Anna Schmidt
Example Support</source>
        <translation>Anna Schmidt
Beispiel-Support</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="40"/>
        <source>Automatic (system language)</source>
        <translation>Automatisch (Systemsprache)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="45"/>
        <source>system time zone, or e.g. Europe/Berlin</source>
        <translation>Zeitzone des Systems oder z. B. Europe/Berlin</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="46"/>
        <source>New customer messages on my cases</source>
        <translation>Neue Kundennachrichten in meinen Fällen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="48"/>
        <source>My commitments coming due</source>
        <translation>Fällig werdende Zusagen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="50"/>
        <source>&amp;Agent:</source>
        <translation>&amp;Ich bin:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="51"/>
        <source>&amp;Team address:</source>
        <translation>&amp;Teamadresse:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="52"/>
        <source>&amp;Signature:</source>
        <translation>&amp;Signatur:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="53"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="54"/>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="55"/>
        <source>Notify me of:</source>
        <translation>Benachrichtigen bei:</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="59"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="88"/>
        <source>Unknown time zone “{zone}”: use a name like Europe/Berlin.</source>
        <translation>Unbekannte Zeitzone „{zone}“: Verwenden Sie einen Namen wie Europe/Berlin.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/profile_page.py" line="94"/>
        <source>The team address must be an email address.</source>
        <translation>Die Teamadresse muss eine E-Mail-Adresse sein.</translation>
    </message>
</context>
<context>
    <name>PromiseFlow</name>
    <message>
        <location filename="../../omnidesk/ui/composer/promises.py" line="94"/>
        <source>Commitment added to #{number}: {kind}, {due}</source>
        <translation>Zusage zu #{number} hinzugefügt: {kind}, {due}</translation>
    </message>
</context>
<context>
    <name>ReportWindow</name>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="52"/>
        <source>Report — OmniDesk</source>
        <translation>Bericht — OmniDesk</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="62"/>
        <source> weeks</source>
        <translation> Wochen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="65"/>
        <source>Whole team</source>
        <translation>Ganzes Team</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="70"/>
        <source>Last</source>
        <translation>Letzte</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="75"/>
        <source>Commitments</source>
        <translation>Zusagen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="76"/>
        <source>First response (median)</source>
        <translation>Erste Antwort (Median)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="77"/>
        <source>Time to resolution (median)</source>
        <translation>Zeit bis zur Lösung (Median)</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="78"/>
        <source>Contacts per resolution</source>
        <translation>Kontakte pro Lösung</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="110"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="136"/>
        <source>{since} to {until}</source>
        <translation>{since} bis {until}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="141"/>
        <source>The figures could not be loaded.</source>
        <translation>Die Zahlen konnten nicht geladen werden.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="161"/>
        <source>W{week}</source>
        <translation>KW {week}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="162"/>
        <source>Nothing in these weeks.</source>
        <translation>In diesen Wochen nichts.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="172"/>
        <source>on time</source>
        <translation>pünktlich</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="173"/>
        <source>late</source>
        <translation>verspätet</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="174"/>
        <source>broken</source>
        <translation>gebrochen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="175"/>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="183"/>
        <source>median</source>
        <translation>Median</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/report_window.py" line="196"/>
        <source>contacts</source>
        <translation>Kontakte</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../omnidesk/ui/search_box.py" line="93"/>
        <source>Search: words, &quot;phrases&quot;, from:, status:, owner:me</source>
        <translation>Suche: Wörter, &quot;Phrasen&quot;, from:, status:, owner:me</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/search_box.py" line="96"/>
        <source>Words must all match; &quot;exact phrase&quot;; rout* for prefixes; -word to exclude; a OR b; from: to: customer: subject: owner:me status:open channel:chat is:overdue has:attachment after:7d before:2026-12-01 #1042</source>
        <translation>Alle Wörter müssen passen; &quot;genaue Phrase&quot;; rout* für Wortanfänge; -wort schließt aus; a OR b; from: to: customer: subject: owner:me status:open channel:chat is:overdue has:attachment after:7d before:2026-12-01 #1042</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/search_box.py" line="106"/>
        <source>Search is not available in this version</source>
        <translation>Die Suche ist in dieser Version nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/search_box.py" line="166"/>
        <source>Searching…</source>
        <translation>Suche…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/search_box.py" line="201"/>
        <source>No case matches “{query}”.</source>
        <translation>Kein Fall passt zu „{query}“.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/search_box.py" line="203"/>
        <source>%n case(s) match</source>
        <translation>
            <numerusform>%n Fall passt</numerusform>
            <numerusform>%n Fälle passen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../omnidesk/ui/search_box.py" line="205"/>
        <source>The best %n matches; scroll for more</source>
        <translation>
            <numerusform>Die besten %n Treffer; für mehr blättern</numerusform>
            <numerusform>Die besten %n Treffer; für mehr blättern</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/search_box.py" line="212"/>
        <source>Cannot search: {problem}</source>
        <translation>Suche nicht möglich: {problem}</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../omnidesk/ui/models/search_results.py" line="47"/>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/search_results.py" line="48"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/search_results.py" line="49"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/search_results.py" line="50"/>
        <source>Where it matched</source>
        <translation>Fundstelle</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/search_results.py" line="51"/>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/models/search_results.py" line="52"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../omnidesk/ui/settings/dialog.py" line="57"/>
        <source>OmniDesk settings</source>
        <translation>OmniDesk-Einstellungen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/dialog.py" line="112"/>
        <source>No keyring is available to keep passwords.</source>
        <translation>Es gibt keinen Schlüsselbund, der Passwörter aufbewahren kann.</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/settings/dialog.py" line="133"/>
        <source>Not saved: {problem}</source>
        <translation>Nicht gespeichert: {problem}</translation>
    </message>
</context>
<context>
    <name>ShortcutOverlay</name>
    <message>
        <location filename="../../omnidesk/ui/views/shortcut_overlay.py" line="48"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/views/shortcut_overlay.py" line="63"/>
        <source>Press Esc or ? to close.</source>
        <translation>Esc oder ? schließt.</translation>
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
        <location filename="../../omnidesk/ui/labels.py" line="61"/>
        <source>My cases</source>
        <translation>Meine Fälle</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="62"/>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="63"/>
        <source>Waiting on customer</source>
        <translation>Wartet auf Kunden</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="64"/>
        <source>Commitments</source>
        <translation>Zusagen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="65"/>
        <source>All open</source>
        <translation>Alle offenen</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="66"/>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="67"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="71"/>
        <source>Open cases you own</source>
        <translation>Offene Fälle, für die Sie zuständig sind</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="72"/>
        <source>Open cases nobody owns yet, longest waiting first</source>
        <translation>Offene Fälle ohne Zuständige, am längsten wartende zuerst</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="73"/>
        <source>Cases waiting for the customer&apos;s answer</source>
        <translation>Fälle, die auf die Antwort des Kunden warten</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="74"/>
        <source>Cases with a promise still to keep</source>
        <translation>Fälle mit einer noch offenen Zusage</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="75"/>
        <source>Every case not yet resolved, longest waiting first</source>
        <translation>Alle noch nicht gelösten Fälle, am längsten wartende zuerst</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="76"/>
        <source>Resolved cases</source>
        <translation>Gelöste Fälle</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/labels.py" line="77"/>
        <source>Every case</source>
        <translation>Alle Fälle</translation>
    </message>
</context>
<context>
    <name>PresenceBar</name>
    <message>
        <source>Colleagues on this case</source>
        <translation>Kolleginnen und Kollegen an diesem Fall</translation>
    </message>
    <message>
        <source>{name} is replying to this case now.</source>
        <translation>{name} antwortet gerade auf diesen Fall.</translation>
    </message>
    <message>
        <source>{names} are replying to this case now.</source>
        <translation>{names} antworten gerade auf diesen Fall.</translation>
    </message>
    <message>
        <source>{name} is viewing this case.</source>
        <translation>{name} sieht sich diesen Fall an.</translation>
    </message>
    <message>
        <source>{names} are viewing this case.</source>
        <translation>{names} sehen sich diesen Fall an.</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} und {last}</translation>
    </message>
</context>
<context>
    <name>AttachmentFiles</name>
    <message>
        <source>Saved {file}.</source>
        <translation>{file} gespeichert.</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Anhang speichern</translation>
    </message>
    <message>
        <source>Open attachment</source>
        <translation>Anhang öffnen</translation>
    </message>
    <message>
        <source>“{file}” is a program or script. Opening it runs it on this computer with your permissions.</source>
        <translation>„{file}“ ist ein Programm oder Skript. Beim Öffnen läuft es auf diesem Computer mit Ihren Rechten.</translation>
    </message>
    <message>
        <source>Open it only if you expected this file from this customer. Saving is safe.</source>
        <translation>Öffnen Sie die Datei nur, wenn Sie sie von diesem Kunden erwartet haben. Speichern ist ungefährlich.</translation>
    </message>
    <message>
        <source>Open anyway</source>
        <translation>Trotzdem öffnen</translation>
    </message>
    <message>
        <source>No application opens {file}; save it and open it from there.</source>
        <translation>Keine Anwendung öffnet {file}; speichern Sie die Datei und öffnen Sie sie von dort.</translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <source>Attach…</source>
        <translation>Anhängen…</translation>
    </message>
    <message>
        <source>Attach files to the reply (or drop them onto the text)</source>
        <translation>Dateien an die Antwort anhängen (oder auf den Text ziehen)</translation>
    </message>
</context>
<context>
    <name>FileChip</name>
    <message>
        <source>Remove {file}</source>
        <translation>{file} entfernen</translation>
    </message>
</context>
<context>
    <name>AwayDialog</name>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <source>Your cases stay yours. While you are away, your deputy sees them among their own and keeps your commitments; without a deputy the whole team does.</source>
        <translation>Ihre Fälle bleiben Ihre. Während Sie abwesend sind, sieht Ihre Vertretung sie bei ihren eigenen und hält Ihre Zusagen ein; ohne Vertretung übernimmt das ganze Team.</translation>
    </message>
    <message>
        <source>I am away</source>
        <translation>Ich bin abwesend</translation>
    </message>
    <message>
        <source>{name} (away)</source>
        <translation>{name} (abwesend)</translation>
    </message>
    <message>
        <source>Nobody in particular: the team</source>
        <translation>Niemand bestimmtes: das Team</translation>
    </message>
    <message>
        <source>e.g. on holiday until Monday</source>
        <translation>z. B. im Urlaub bis Montag</translation>
    </message>
    <message>
        <source>&amp;Deputy:</source>
        <translation>&amp;Vertretung:</translation>
    </message>
</context>
<context>
    <name>AttachFlow</name>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Cannot attach {file}: {reason}.</source>
        <translation>{file} kann nicht angehängt werden: {reason}.</translation>
    </message>
    <message>
        <source>it is no longer there</source>
        <translation>die Datei ist nicht mehr vorhanden</translation>
    </message>
    <message>
        <source>it is not a file</source>
        <translation>das ist keine Datei</translation>
    </message>
    <message>
        <source>{file} is too large to attach ({size}; at most {limit} per file). Share it another way, e.g. as a download link.</source>
        <translation>{file} ist zu groß zum Anhängen ({size}; höchstens {limit} pro Datei). Teilen Sie die Datei anders, z. B. als Download-Link.</translation>
    </message>
    <message>
        <source>{file} was not attached: all files together may be at most {limit}. Send it in a second reply.</source>
        <translation>{file} wurde nicht angehängt: alle Dateien zusammen dürfen höchstens {limit} groß sein. Senden Sie die Datei in einer zweiten Antwort.</translation>
    </message>
</context>
<context>
    <name>MergeCustomerDialog</name>
    <message>
        <source>Merge customers</source>
        <translation>Kunden zusammenführen</translation>
    </message>
    <message>
        <source>The other record's addresses and cases join {name}. Use this when one person wrote from two addresses or channels. It can be undone.</source>
        <translation>Die Adressen und Fälle des anderen Datensatzes kommen zu {name}. Für eine Person, die von zwei Adressen oder Kanälen geschrieben hat. Lässt sich rückgängig machen.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>e.g. k.koehler@private.example</source>
        <translation>z. B. k.koehler@privat.example</translation>
    </message>
    <message>
        <source>&amp;Other record:</source>
        <translation>&amp;Anderer Datensatz:</translation>
    </message>
</context>
<context>
    <name>MailStatus</name>
    <message>
        <location filename="../../omnidesk/ui/mail_status.py" line="1"/>
        <source>outgoing mail</source>
        <translation>ausgehende E-Mail</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mail_status.py" line="1"/>
        <source>⚠ Mail: {name}: {error}</source>
        <translation>⚠ E-Mail: {name}: {error}</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mail_status.py" line="1"/>
        <source>Mail: checking…</source>
        <translation>E-Mail: wird abgerufen…</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mail_status.py" line="1"/>
        <source>Mail: up to date</source>
        <translation>E-Mail: aktuell</translation>
    </message>
    <message>
        <location filename="../../omnidesk/ui/mail_status.py" line="1"/>
        <source>Mail accounts: {names}</source>
        <translation>E-Mail-Konten: {names}</translation>
    </message>
</context>
</TS>
