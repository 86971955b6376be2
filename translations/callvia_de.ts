<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppSettings</name>
    <message>
        <source>Listener address: &quot;%1&quot; is not HOST:PORT with an IP address and a port from 1 to 65535, for example 127.0.0.1:8787.</source>
        <translation>Listener-Adresse: „%1“ ist nicht HOST:PORT mit einer IP-Adresse und einem Port von 1 bis 65535, zum Beispiel 127.0.0.1:8787.</translation>
    </message>
    <message>
        <source>Language: &quot;%1&quot; is not one of English, German or Spanish.</source>
        <translation>Sprache: „%1“ ist weder Englisch, Deutsch noch Spanisch.</translation>
    </message>
    <message>
        <source>Display time zone: &quot;%1&quot; is not a known time zone (use an IANA name such as America/New_York).</source>
        <translation>Anzeige-Zeitzone: „%1“ ist keine bekannte Zeitzone (verwenden Sie einen IANA-Namen wie Europe/Berlin).</translation>
    </message>
    <message>
        <source>Backup folder: give a full path, such as %1.</source>
        <translation>Sicherungsordner: Geben Sie einen vollständigen Pfad an, etwa %1.</translation>
    </message>
    <message>
        <source>Backup folder: %1 is a file, not a folder.</source>
        <translation>Sicherungsordner: %1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>Backups to keep: enter a number from 1 to 365.</source>
        <translation>Aufzubewahrende Sicherungen: Geben Sie eine Zahl von 1 bis 365 ein.</translation>
    </message>
    <message>
        <source>Shows per milestone: enter a number from 1 to 10,000.</source>
        <translation>Termine pro Meilenstein: Geben Sie eine Zahl von 1 bis 10.000 ein.</translation>
    </message>
    <message>
        <source>Milestone amount: enter an amount of money such as 2000 or 2000.00.</source>
        <translation>Meilensteinbetrag: Geben Sie einen Geldbetrag wie 2000 oder 2000,00 ein.</translation>
    </message>
    <message>
        <source>Rate per minute: enter cents from 0 to 100,000.</source>
        <translation>Minutenpreis: Geben Sie Cent von 0 bis 100.000 ein.</translation>
    </message>
    <message>
        <source>Verification wait: enter from 0 to 720 hours.</source>
        <translation>Wartezeit der Prüfung: Geben Sie 0 bis 720 Stunden ein.</translation>
    </message>
</context>
<context>
    <name>Callvia::App::AppContext</name>
    <message>
        <source>restore is for the SQLite database; use pg_restore for PostgreSQL</source>
        <translation>Wiederherstellen gilt für die SQLite-Datenbank; verwenden Sie pg_restore für PostgreSQL</translation>
    </message>
</context>
<context>
    <name>Callvia::Models::CampaignTableModel</name>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Kontaktiert</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Erschienen</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Nicht erschienen</translation>
    </message>
    <message>
        <source>DNC</source>
        <translation>Nicht kontaktieren</translation>
    </message>
    <message>
        <source>Show rate</source>
        <translation>Erscheinungsquote</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
</context>
<context>
    <name>Callvia::Models::ClientTableModel</name>
    <message>
        <source>%1/min</source>
        <translation>%1/Min.</translation>
    </message>
    <message>
        <source>%1 per %2 shows</source>
        <translation>%1 pro %2 Termine mit Erscheinen</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Contact e-mail</source>
        <translation>Kontakt-E-Mail</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>Meilenstein</translation>
    </message>
    <message>
        <source>Stripe customer</source>
        <translation>Stripe-Kunde</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>Callvia::Models::EventTableModel</name>
    <message>
        <source>unattributed</source>
        <translation>nicht zugeordnet</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Received (UTC)</source>
        <translation>Empfangen (UTC)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>angewendet</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>ignoriert</translation>
    </message>
    <message>
        <source>test, not applied</source>
        <translation>Test, nicht angewendet</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::AddUserDialog</name>
    <message>
        <source>Must change the password at first sign-in</source>
        <translation>Muss das Passwort bei der ersten Anmeldung ändern</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Initial password</source>
        <translation>Anfangspasswort</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>At least %1 characters, not containing the user name.</source>
        <translation>Mindestens %1 Zeichen, ohne den Benutzernamen.</translation>
    </message>
    <message>
        <source>Repeat password: the two passwords differ.</source>
        <translation>Passwort wiederholen: Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::AdminView</name>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Locked until (UTC)</source>
        <translation>Gesperrt bis (UTC)</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>Muss Passwort ändern</translation>
    </message>
    <message>
        <source>Last sign-in (UTC)</source>
        <translation>Letzte Anmeldung (UTC)</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Benutzer hinzufügen…</translation>
    </message>
    <message>
        <source>Change role/client…</source>
        <translation>Rolle/Kunde ändern…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Passwort zurücksetzen…</translation>
    </message>
    <message>
        <source>Provider secrets (stored encrypted, never shown)</source>
        <translation>Zugangsdaten der Anbieter (verschlüsselt gespeichert, nie angezeigt)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Set secret…</source>
        <translation>Zugangsdaten setzen…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Erledigt.</translation>
    </message>
    <message>
        <source>No secrets key is available (see the log).</source>
        <translation>Kein Schlüssel für die Zugangsdaten verfügbar (siehe Protokoll).</translation>
    </message>
    <message>
        <source>No such user: %1</source>
        <translation>Benutzer nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>Benutzer %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation>Wählen Sie zuerst einen Benutzer aus.</translation>
    </message>
    <message>
        <source>Role of %1 changed.</source>
        <translation>Rolle von %1 geändert.</translation>
    </message>
    <message>
        <source>Set secret</source>
        <translation>Zugangsdaten setzen</translation>
    </message>
    <message>
        <source>Key (e.g. stripe.api_key):</source>
        <translation>Schlüssel (z. B. stripe.api_key):</translation>
    </message>
    <message>
        <source>Value of %1:</source>
        <translation>Wert von %1:</translation>
    </message>
    <message>
        <source>Password of %1 reset; it must be changed at the next sign-in.</source>
        <translation>Passwort von %1 zurückgesetzt; es muss bei der nächsten Anmeldung geändert werden.</translation>
    </message>
    <message>
        <source>Users and secrets</source>
        <translation>Benutzer und Zugangsdaten</translation>
    </message>
    <message>
        <source>Webhook journal</source>
        <translation>Webhook-Journal</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::AppointmentsView</name>
    <message numerus="yes">
        <source>%n hour(s) before</source>
        <translation>
            <numerusform>%n Stunde vorher</numerusform>
            <numerusform>%n Stunden vorher</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) before</source>
        <translation>
            <numerusform>%n Minute vorher</numerusform>
            <numerusform>%n Minuten vorher</numerusform>
        </translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Beliebiger Status</translation>
    </message>
    <message>
        <source>Awaiting verdict</source>
        <translation>Bewertung ausstehend</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Times in %1</source>
        <translation>Zeiten in %1</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Kunde:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Lead&apos;s time</source>
        <translation>Ortszeit des Leads</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Show verification</source>
        <translation>Erscheinen prüfen</translation>
    </message>
    <message>
        <source>Mark shown…</source>
        <translation>Als erschienen markieren…</translation>
    </message>
    <message>
        <source>Mark no-show…</source>
        <translation>Als nicht erschienen markieren…</translation>
    </message>
    <message>
        <source>Mark shown</source>
        <translation>Als erschienen markieren</translation>
    </message>
    <message>
        <source>Mark no-show</source>
        <translation>Als nicht erschienen markieren</translation>
    </message>
    <message>
        <source>Reason (kept with the verdict and in the audit log):</source>
        <translation>Begründung (wird mit der Bewertung und im Prüfprotokoll gespeichert):</translation>
    </message>
    <message>
        <source>A reason is required.</source>
        <translation>Eine Begründung ist erforderlich.</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Erinnerung</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <source>Messages of this appointment</source>
        <translation>Nachrichten zu diesem Termin</translation>
    </message>
    <message>
        <source>All messages with this lead</source>
        <translation>Alle Nachrichten mit diesem Lead</translation>
    </message>
    <message>
        <source>Select an appointment to see its lead, reminders and messages.</source>
        <translation>Wählen Sie einen Termin aus, um Lead, Erinnerungen und Nachrichten zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n Termin</numerusform>
            <numerusform>%n Termine</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the appointments: %1</source>
        <translation>Die Termine konnten nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n appointment(s)</source>
        <translation>
            <numerusform>%1: %n Termin</numerusform>
            <numerusform>%1: %n Termine</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (no lead)</source>
        <translation>%1 (kein Lead)</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>(unattributed)</source>
        <translation>(nicht zugeordnet)</translation>
    </message>
    <message>
        <source>Could not read the appointment: %1</source>
        <translation>Der Termin konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Lead: %1 %2, %3, %4</source>
        <translation>Lead: %1 %2, %3, %4</translation>
    </message>
    <message>
        <source>No lead matched: attendee %1, %2, %3</source>
        <translation>Kein passender Lead: Teilnehmer %1, %2, %3</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>%1 to %2 (%3)</source>
        <translation>%1 bis %2 (%3)</translation>
    </message>
    <message>
        <source>Lead&apos;s local time: %1 %2</source>
        <translation>Ortszeit des Leads: %1 %2</translation>
    </message>
    <message>
        <source>Client: %1</source>
        <translation>Kunde: %1</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>Ort: %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Booking: %1</source>
        <translation>Buchung: %1</translation>
    </message>
    <message>
        <source>Verdict: %1 (no rule or evidence recorded).</source>
        <translation>Bewertung: %1 (keine Regel oder Nachweis gespeichert).</translation>
    </message>
    <message>
        <source>No verdict: the appointment was %1.</source>
        <translation>Keine Bewertung: Der Termin wurde %1.</translation>
    </message>
    <message>
        <source>Awaiting verdict: decided automatically 48 hours after the end (the client&apos;s setting) unless the client or staff decide first.</source>
        <translation>Bewertung ausstehend: wird 48 Stunden nach dem Ende automatisch entschieden (Einstellung des Kunden), sofern Kunde oder Mitarbeiter nicht vorher entscheiden.</translation>
    </message>
    <message>
        <source>Awaiting verdict: the automatic pass decides once the client&apos;s wait after the end (48 hours by default) is over.</source>
        <translation>Bewertung ausstehend: Die automatische Prüfung entscheidet, sobald die Wartezeit des Kunden nach dem Ende (standardmäßig 48 Stunden) abgelaufen ist.</translation>
    </message>
    <message>
        <source>Verdict: %1</source>
        <translation>Bewertung: %1</translation>
    </message>
    <message>
        <source>, decided %1</source>
        <translation>, entschieden %1</translation>
    </message>
    <message>
        <source>(e-mail)</source>
        <translation>(E-Mail)</translation>
    </message>
    <message>
        <source>(SMS)</source>
        <translation>(SMS)</translation>
    </message>
    <message>
        <source>the client confirmed</source>
        <translation>der Kunde hat bestätigt</translation>
    </message>
    <message>
        <source>the lead replied yes to a reminder</source>
        <translation>der Lead hat auf eine Erinnerung mit Ja geantwortet</translation>
    </message>
    <message>
        <source>a call with the lead in the appointment&apos;s window</source>
        <translation>ein Anruf mit dem Lead im Zeitfenster des Termins</translation>
    </message>
    <message>
        <source>no confirmation and no qualifying call</source>
        <translation>keine Bestätigung und kein zählender Anruf</translation>
    </message>
    <message>
        <source>decided by staff</source>
        <translation>von Mitarbeitern entschieden</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Erschienen</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Nicht erschienen</translation>
    </message>
    <message>
        <source>Decided %1 by %2</source>
        <translation>Entschieden %1 von %2</translation>
    </message>
    <message>
        <source>the client&apos;s link</source>
        <translation>der Link des Kunden</translation>
    </message>
    <message>
        <source>the automatic pass</source>
        <translation>die automatische Prüfung</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Begründung: %1</translation>
    </message>
    <message numerus="yes">
        <source>Corrected: %n earlier verdict(s) in the audit log</source>
        <translation>
            <numerusform>Korrigiert: %n frühere Bewertung im Prüfprotokoll</numerusform>
            <numerusform>Korrigiert: %n frühere Bewertungen im Prüfprotokoll</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>Nachweis:</translation>
    </message>
    <message>
        <source>Book for lead…</source>
        <translation>Für Lead buchen…</translation>
    </message>
    <message>
        <source>Pick one of the lead&apos;s free Cal.com slots and book it</source>
        <translation>Einen freien Cal.com-Termin des Leads wählen und buchen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgesagt</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Client confirmed</source>
        <translation>Vom Kunden bestätigt</translation>
    </message>
    <message>
        <source>Lead confirmed</source>
        <translation>Vom Lead bestätigt</translation>
    </message>
    <message>
        <source>Call verified</source>
        <translation>Durch Anruf bestätigt</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Nicht zutreffend</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::AuditLogView</name>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>◀ &amp;Newer</source>
        <translation>◀ &amp;Neuere</translation>
    </message>
    <message>
        <source>&amp;Older ▶</source>
        <translation>Ä&amp;ltere ▶</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Alle Benutzer</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Wann (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Bis:</translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>Could not load the audit log: %1</source>
        <translation>Das Prüfprotokoll konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No entries</source>
        <translation>Keine Einträge</translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation>%1–%2 von %3</translation>
    </message>
    <message>
        <source>Select an entry to read what it changed.</source>
        <translation>Wählen Sie einen Eintrag, um zu lesen, was er geändert hat.</translation>
    </message>
    <message>
        <source>%1 by %2 on %3 %4: %5</source>
        <translation>%1 durch %2 an %3 %4: %5</translation>
    </message>
    <message>
        <source>the system</source>
        <translation>das System</translation>
    </message>
    <message>
        <source>no field changed</source>
        <translation>kein Feld geändert</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::BackupActions</name>
    <message>
        <source>&amp;Back up now</source>
        <translation>Jetzt &amp;sichern</translation>
    </message>
    <message>
        <source>Backup &amp;folder…</source>
        <translation>Sicherungs&amp;ordner…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>Aus Sicherung &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>Gesichert nach %1</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>Die Sicherung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Sicherungsordner</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Callvia backups (*.sqlite)</source>
        <translation>Callvia-Sicherungen (*.sqlite)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Replace the current database by %1? The current file is kept beside it, and Callvia restarts.</source>
        <translation>Die aktuelle Datenbank durch %1 ersetzen? Die aktuelle Datei bleibt daneben erhalten, und Callvia startet neu.</translation>
    </message>
    <message>
        <source>Not restored: %1</source>
        <translation>Nicht wiederhergestellt: %1</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::BillingView</name>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>My billing</source>
        <translation>Meine Abrechnung</translation>
    </message>
    <message>
        <source>Invoice status</source>
        <translation>Rechnungsstatus</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Beliebiger Status</translation>
    </message>
    <message>
        <source>Invoices created in</source>
        <translation>Rechnungen erstellt im Zeitraum</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Letzter Monat</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>Letzte 3 Monate</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Created:</source>
        <translation>&amp;Erstellt:</translation>
    </message>
    <message>
        <source>Dates in %1</source>
        <translation>Daten in %1</translation>
    </message>
    <message>
        <source>This client</source>
        <translation>Dieser Kunde</translation>
    </message>
    <message>
        <source>Toward the next milestone</source>
        <translation>Bis zum nächsten Meilenstein</translation>
    </message>
    <message>
        <source>Shows toward the next milestone</source>
        <translation>Erschienene Termine bis zum nächsten Meilenstein</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>Meilenstein</translation>
    </message>
    <message>
        <source>Shows still shown</source>
        <translation>Weiterhin als erschienen gewertet</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <source>Clear flag…</source>
        <translation>Markierung aufheben…</translation>
    </message>
    <message>
        <source>After issuing the credit note in Stripe: clear the flag, with a note for the audit log</source>
        <translation>Nach Ausstellung der Gutschrift in Stripe: Markierung aufheben, mit einer Notiz für das Prüfprotokoll</translation>
    </message>
    <message>
        <source>&lt;b&gt;Milestones&lt;/b&gt;</source>
        <translation>&lt;b&gt;Meilensteine&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Stripe</source>
        <translation>Stripe</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Retry failed invoice</source>
        <translation>Fehlgeschlagene Rechnung erneut senden</translation>
    </message>
    <message>
        <source>Send the failed Stripe request of this invoice again; the invoice then continues</source>
        <translation>Die fehlgeschlagene Stripe-Anfrage dieser Rechnung erneut senden; danach wird die Rechnung fortgesetzt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Invoices&lt;/b&gt;</source>
        <translation>&lt;b&gt;Rechnungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Client %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>%1 of %2 shows</source>
        <translation>%1 von %2 erschienenen Terminen</translation>
    </message>
    <message>
        <source>Toward milestone %1 (%2)</source>
        <translation>Auf dem Weg zu Meilenstein %1 (%2)</translation>
    </message>
    <message>
        <source>Milestones so far: %1</source>
        <translation>Bisherige Meilensteine: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln Anruf</numerusform>
            <numerusform>%Ln Anrufe</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Call minutes this month&lt;/b&gt;&lt;br&gt;%1 in %2&lt;br&gt;%3 min, %4&lt;br&gt;&lt;b&gt;%5&lt;/b&gt; so far at %6/min</source>
        <translation>&lt;b&gt;Gesprächsminuten in diesem Monat&lt;/b&gt;&lt;br&gt;%1 in %2&lt;br&gt;%3 Min., %4&lt;br&gt;&lt;b&gt;%5&lt;/b&gt; bisher zu %6/Min.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stripe customer:&lt;/b&gt; none yet (created with the first invoice from the billing e-mail %1)</source>
        <translation>&lt;b&gt;Stripe-Kunde:&lt;/b&gt; noch keiner (wird mit der ersten Rechnung an die Rechnungs-E-Mail %1 angelegt)</translation>
    </message>
    <message>
        <source>— not set</source>
        <translation>— nicht gesetzt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stripe customer:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Stripe-Kunde:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Payment method:&lt;/b&gt; not known to Callvia (see the customer in Stripe)</source>
        <translation>&lt;b&gt;Zahlungsmethode:&lt;/b&gt; Callvia nicht bekannt (siehe Kunde in Stripe)</translation>
    </message>
    <message>
        <source>Billing e-mail: %1</source>
        <translation>Rechnungs-E-Mail: %1</translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
    <message>
        <source>Milestone %1</source>
        <translation>Meilenstein %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Credit note needed</source>
        <translation>Gutschrift erforderlich</translation>
    </message>
    <message>
        <source>&lt;b&gt;Milestone %1%2: credit note needed&lt;/b&gt; (flagged %3). %4</source>
        <translation>&lt;b&gt;Meilenstein %1%2: Gutschrift erforderlich&lt;/b&gt; (markiert %3). %4</translation>
    </message>
    <message>
        <source>Call minutes</source>
        <translation>Gesprächsminuten</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Failed at Stripe (%1 step)</source>
        <translation>Bei Stripe fehlgeschlagen (Schritt %1)</translation>
    </message>
    <message>
        <source>Held: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <source>%1, sending to Stripe (%2 step)</source>
        <translation>%1, wird an Stripe gesendet (Schritt %2)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Invoice page</source>
        <translation>Rechnungsseite</translation>
    </message>
    <message>
        <source>Could not read billing: %1</source>
        <translation>Abrechnung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No invoices match this status and period. Choose &quot;Any status&quot; and &quot;All time&quot; to see every invoice.</source>
        <translation>Keine Rechnungen für diesen Status und Zeitraum. Wählen Sie „Beliebiger Status“ und „Gesamter Zeitraum“, um alle Rechnungen zu sehen.</translation>
    </message>
    <message>
        <source>No invoices yet. A milestone invoice is raised each time %1 shown appointments are verified, and a usage invoice on the first day of each month for the month before. Give the client a billing e-mail (Clients) so Stripe can send them.</source>
        <translation>Noch keine Rechnungen. Eine Meilensteinrechnung wird jedes Mal erstellt, wenn %1 Termine als erschienen bestätigt sind, und eine Nutzungsrechnung am ersten Tag jedes Monats für den Vormonat. Hinterlegen Sie beim Kunden eine Rechnungs-E-Mail (Kunden), damit Stripe sie versenden kann.</translation>
    </message>
    <message>
        <source>Choose a client to see its progress.</source>
        <translation>Wählen Sie einen Kunden, um seinen Fortschritt zu sehen.</translation>
    </message>
    <message>
        <source>Clear the credit note flag</source>
        <translation>Gutschrift-Markierung aufheben</translation>
    </message>
    <message>
        <source>Note for the audit log (e.g. the credit note&apos;s number):</source>
        <translation>Notiz für das Prüfprotokoll (z. B. die Nummer der Gutschrift):</translation>
    </message>
    <message>
        <source>A note is required.</source>
        <translation>Eine Notiz ist erforderlich.</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Uncollectible</source>
        <translation>Uneinbringlich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Invoiced</source>
        <translation>In Rechnung gestellt</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::BookForLeadDialog</name>
    <message>
        <source>Book for lead</source>
        <translation>Für Lead buchen</translation>
    </message>
    <message>
        <source>Book this slot</source>
        <translation>Diesen Termin buchen</translation>
    </message>
    <message>
        <source>Loading the lead&apos;s free slots from Cal.com…</source>
        <translation>Freie Termine des Leads werden von Cal.com geladen…</translation>
    </message>
    <message>
        <source>Cannot book this lead: %1</source>
        <translation>Dieser Lead kann nicht gebucht werden: %1</translation>
    </message>
    <message>
        <source>Could not load slots: %1</source>
        <translation>Termine konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Cal.com has no free slot for %1 in the next 14 days.</source>
        <translation>Cal.com hat in den nächsten 14 Tagen keinen freien Termin für %1.</translation>
    </message>
    <message>
        <source>Free slots for %1, in the lead&apos;s time zone (%2):</source>
        <translation>Freie Termine für %1 in der Zeitzone des Leads (%2):</translation>
    </message>
    <message>
        <source>Booking %1…</source>
        <translation>%1 wird gebucht…</translation>
    </message>
    <message>
        <source>Booked (Cal.com booking %1). The appointment appears when Cal.com&apos;s webhook arrives.</source>
        <translation>Gebucht (Cal.com-Buchung %1). Der Termin erscheint, sobald der Webhook von Cal.com eintrifft.</translation>
    </message>
    <message>
        <source>Booking failed: %1</source>
        <translation>Buchung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The audit entry could not be written: %1</source>
        <translation>Der Audit-Eintrag konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::CallingSettingsForm</name>
    <message>
        <source>Sales or appointment setting (telemarketing)</source>
        <translation>Verkauf oder Terminvereinbarung (Telemarketing)</translation>
    </message>
    <message>
        <source>Local time of the lead; state rules narrow it further. Never before 08:00.</source>
        <translation>Ortszeit des Leads; Regeln der Bundesstaaten schränken weiter ein. Nie vor 08:00.</translation>
    </message>
    <message>
        <source>Local time of the lead; never after 21:00.</source>
        <translation>Ortszeit des Leads; nie nach 21:00.</translation>
    </message>
    <message>
        <source>Written (sales, appointment setting)</source>
        <translation>Schriftlich (Verkauf, Terminvereinbarung)</translation>
    </message>
    <message>
        <source>Express (written or verbal)</source>
        <translation>Ausdrücklich (schriftlich oder mündlich)</translation>
    </message>
    <message>
        <source>Calling &amp;days:</source>
        <translation>Anruf&amp;tage:</translation>
    </message>
    <message>
        <source>Calling &amp;window:</source>
        <translation>Anruf&amp;zeitfenster:</translation>
    </message>
    <message>
        <source>Max &amp;concurrent calls:</source>
        <translation>Max. &amp;gleichzeitige Anrufe:</translation>
    </message>
    <message>
        <source>Calls per &amp;minute:</source>
        <translation>Anrufe pro &amp;Minute:</translation>
    </message>
    <message>
        <source>Max &amp;attempts per lead:</source>
        <translation>Max. &amp;Versuche pro Lead:</translation>
    </message>
    <message>
        <source>Retry after no answer:</source>
        <translation>Erneut versuchen nach keiner Antwort:</translation>
    </message>
    <message>
        <source>Retry after voicemail:</source>
        <translation>Erneut versuchen nach Mailbox:</translation>
    </message>
    <message>
        <source>Retry after busy:</source>
        <translation>Erneut versuchen nach besetzt:</translation>
    </message>
    <message>
        <source>Retry after failed call:</source>
        <translation>Erneut versuchen nach Fehlschlag:</translation>
    </message>
    <message>
        <source>Callable &amp;statuses:</source>
        <translation>Anrufbare &amp;Status:</translation>
    </message>
    <message>
        <source>Consent &amp;required:</source>
        <translation>Erforderliche &amp;Einwilligung:</translation>
    </message>
    <message>
        <source>National DNC s&amp;napshot:</source>
        <translation>Nationaler &amp;DNC-Stand:</translation>
    </message>
    <message>
        <source>National DNC snapshot date: &quot;%1&quot; is not a date (YYYY-MM-DD).</source>
        <translation>Datum des nationalen DNC-Stands: „%1“ ist kein Datum (JJJJ-MM-TT).</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Kontaktiert</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Rückruf</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Erschienen</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Nicht erschienen</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::CampaignDialog</name>
    <message>
        <source>Edit campaign</source>
        <translation>Kampagne bearbeiten</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Neue Kampagne</translation>
    </message>
    <message>
        <source>Two-letter region used for phone numbers written without a country code</source>
        <translation>Zweibuchstabiger Ländercode für Telefonnummern ohne Ländervorwahl</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Default &amp;region:</source>
        <translation>Standard-&amp;Region:</translation>
    </message>
    <message>
        <source>Retell &amp;agent id:</source>
        <translation>Retell-&amp;Agent-ID:</translation>
    </message>
    <message>
        <source>Caller &amp;number:</source>
        <translation>Anrufernu&amp;mmer:</translation>
    </message>
    <message>
        <source>Daily call &amp;limit:</source>
        <translation>Tägliches Anruf&amp;limit:</translation>
    </message>
    <message>
        <source>Client: choose the client this campaign works for (create one first).</source>
        <translation>Kunde: Wählen Sie den Kunden, für den diese Kampagne arbeitet (legen Sie zuerst einen an).</translation>
    </message>
    <message>
        <source>Name: a campaign needs a name.</source>
        <translation>Name: Eine Kampagne braucht einen Namen.</translation>
    </message>
    <message>
        <source>Name: at most 120 characters.</source>
        <translation>Name: höchstens 120 Zeichen.</translation>
    </message>
    <message>
        <source>Default region: &quot;%1&quot; is not a two-letter country code such as US or GB.</source>
        <translation>Standardregion: „%1“ ist kein zweibuchstabiger Ländercode wie US oder GB.</translation>
    </message>
    <message>
        <source>Caller number: write it in E.164 form, such as +14155550100.</source>
        <translation>Anrufernummer: Geben Sie sie im E.164-Format ein, z. B. +14155550100.</translation>
    </message>
    <message>
        <source>Retell agent id: an id has no spaces.</source>
        <translation>Retell-Agent-ID: Eine ID enthält keine Leerzeichen.</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Calling</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::CampaignsView</name>
    <message>
        <source>Show archived</source>
        <translation>Archivierte anzeigen</translation>
    </message>
    <message>
        <source>&amp;New campaign…</source>
        <translation>&amp;Neue Kampagne…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivieren</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Kunde:</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>Could not load campaigns: %1</source>
        <translation>Kampagnen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Neue Kampagne</translation>
    </message>
    <message>
        <source>Create a client first: every campaign belongs to one.</source>
        <translation>Legen Sie zuerst einen Kunden an: Jede Kampagne gehört zu einem.</translation>
    </message>
    <message>
        <source>Name: this client already has a campaign with that name.</source>
        <translation>Name: Dieser Kunde hat bereits eine Kampagne mit diesem Namen.</translation>
    </message>
    <message>
        <source>Edit campaign</source>
        <translation>Kampagne bearbeiten</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Archive campaign</source>
        <translation>Kampagne archivieren</translation>
    </message>
    <message>
        <source>Archive %1? It stops calling; its leads and history are kept.</source>
        <translation>%1 archivieren? Die Anrufe werden beendet; Leads und Verlauf bleiben erhalten.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>An administrator reset your password. Choose a new one.</source>
        <translation>Ein Administrator hat Ihr Passwort zurückgesetzt. Wählen Sie ein neues.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Aktuelles Passwort</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>Neues Passwort wiederholen</translation>
    </message>
    <message>
        <source>Repeat new password: the two passwords differ.</source>
        <translation>Neues Passwort wiederholen: Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ClientDialog</name>
    <message>
        <source>Edit client</source>
        <translation>Kunde bearbeiten</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source> ¢ per minute</source>
        <translation> ¢ pro Minute</translation>
    </message>
    <message>
        <source> shown appointments</source>
        <translation> erschienene Termine</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Contact &amp;e-mail:</source>
        <translation>Kontakt-&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>&amp;Stripe customer id:</source>
        <translation>&amp;Stripe-Kunden-ID:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>Per-minute &amp;rate:</source>
        <translation>&amp;Minutentarif:</translation>
    </message>
    <message>
        <source>Milestone &amp;size:</source>
        <translation>Meilenstein-&amp;Größe:</translation>
    </message>
    <message>
        <source>Milestone &amp;amount ($):</source>
        <translation>Meilenstein-&amp;Betrag ($):</translation>
    </message>
    <message>
        <source>Name: a client needs a name.</source>
        <translation>Name: Ein Kunde braucht einen Namen.</translation>
    </message>
    <message>
        <source>Contact e-mail: &quot;%1&quot; is not an e-mail address.</source>
        <translation>Kontakt-E-Mail: „%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>Stripe customer id: it starts with &quot;cus_&quot;.</source>
        <translation>Stripe-Kunden-ID: Sie beginnt mit „cus_“.</translation>
    </message>
    <message>
        <source>Time zone: &quot;%1&quot; is not an IANA time zone such as America/New_York.</source>
        <translation>Zeitzone: „%1“ ist keine IANA-Zeitzone wie Europe/Berlin.</translation>
    </message>
    <message>
        <source>Milestone amount: enter dollars and cents, such as 2000 or 2000.00.</source>
        <translation>Meilenstein-Betrag: Geben Sie Dollar und Cent ein, z. B. 2000 oder 2000.00.</translation>
    </message>
    <message>
        <source>Retell agent ids</source>
        <translation>Retell-Agent-IDs</translation>
    </message>
    <message>
        <source>Retell phone numbers</source>
        <translation>Retell-Telefonnummern</translation>
    </message>
    <message>
        <source>Cal.com event type ids</source>
        <translation>Cal.com-Ereignistyp-IDs</translation>
    </message>
    <message>
        <source>Cal.com organizers</source>
        <translation>Cal.com-Organisatoren</translation>
    </message>
    <message>
        <source>e-mail or username</source>
        <translation>E-Mail oder Benutzername</translation>
    </message>
    <message>
        <source>MessageBird numbers</source>
        <translation>MessageBird-Nummern</translation>
    </message>
    <message>
        <source>Separate several with commas. Webhook events carrying one of these belong to this client; events that match no client change nothing.</source>
        <translation>Mehrere durch Kommas trennen. Webhook-Ereignisse mit einem dieser Werte gehören zu diesem Kunden; Ereignisse, die zu keinem Kunden passen, ändern nichts.</translation>
    </message>
    <message>
        <source>Only an administrator may change billing terms.</source>
        <translation>Nur ein Administrator darf die Abrechnungsbedingungen ändern.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ClientsView</name>
    <message>
        <source>Show archived</source>
        <translation>Archivierte anzeigen</translation>
    </message>
    <message>
        <source>&amp;New client…</source>
        <translation>&amp;Neuer Kunde…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivieren</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Could not load clients: %1</source>
        <translation>Kunden konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Name or Stripe customer id: another client already uses it.</source>
        <translation>Name oder Stripe-Kunden-ID: Ein anderer Kunde verwendet sie bereits.</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Edit client</source>
        <translation>Kunde bearbeiten</translation>
    </message>
    <message>
        <source>Archive client</source>
        <translation>Kunde archivieren</translation>
    </message>
    <message>
        <source>Archive %1? Its campaigns stop showing in lists; nothing is deleted.</source>
        <translation>%1 archivieren? Seine Kampagnen erscheinen nicht mehr in Listen; nichts wird gelöscht.</translation>
    </message>
    <message>
        <source>Name, Stripe customer id or a provider id: another client already uses it. %1</source>
        <translation>Name, Stripe-Kunden-ID oder eine Anbieter-ID: Ein anderer Kunde verwendet sie bereits. %1</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DashboardView</name>
    <message>
        <source>%1 vs previous period</source>
        <translation>%1 ggü. Vorperiode</translation>
    </message>
    <message>
        <source>no comparison</source>
        <translation>kein Vergleich</translation>
    </message>
    <message>
        <source>%1%2 pts vs previous period</source>
        <translation>%1%2 Pkt. ggü. Vorperiode</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Letzter Monat</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Kunde:</translation>
    </message>
    <message>
        <source>Leads added</source>
        <translation>Neue Leads</translation>
    </message>
    <message>
        <source>Calls placed</source>
        <translation>Getätigte Anrufe</translation>
    </message>
    <message>
        <source>Connect rate</source>
        <translation>Erreichbarkeitsquote</translation>
    </message>
    <message>
        <source>Appointments booked</source>
        <translation>Gebuchte Termine</translation>
    </message>
    <message>
        <source>Show rate</source>
        <translation>Erscheinungsquote</translation>
    </message>
    <message>
        <source>Revenue invoiced</source>
        <translation>Berechneter Umsatz</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not read the figures: %1</source>
        <translation>Die Kennzahlen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 to %2 (%3)</source>
        <translation>%1 bis %2 (%3)</translation>
    </message>
    <message>
        <source>%1 shown, %2 no-show; </source>
        <translation>%1 erschienen, %2 nicht erschienen; </translation>
    </message>
    <message>
        <source>paid in the period: %1; %2%3 vs previous period</source>
        <translation>im Zeitraum bezahlt: %1; %2%3 ggü. Vorperiode</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Calls and appointments booked per day</source>
        <translation>Anrufe und gebuchte Termine pro Tag</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Funnel of the leads added in the period</source>
        <translation>Trichter der im Zeitraum hinzugefügten Leads</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Erschienen</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Kontaktiert</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Open the matching list</source>
        <translation>Passende Liste öffnen</translation>
    </message>
    <message>
        <source>Leads called</source>
        <translation>Angerufene Leads</translation>
    </message>
    <message>
        <source>Shown appointments</source>
        <translation>Wahrgenommene Termine</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DialerLivePanel</name>
    <message>
        <source>Start dialing</source>
        <translation>Wählen starten</translation>
    </message>
    <message>
        <source>Pause dialing</source>
        <translation>Wählen pausieren</translation>
    </message>
    <message>
        <source>Stop dialing</source>
        <translation>Wählen beenden</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Next look</source>
        <translation>Nächste Prüfung</translation>
    </message>
    <message>
        <source>Reason at the last look</source>
        <translation>Grund bei der letzten Prüfung</translation>
    </message>
    <message>
        <source>Dialer</source>
        <translation>Wähler</translation>
    </message>
    <message>
        <source>Calls in progress</source>
        <translation>Laufende Anrufe</translation>
    </message>
    <message>
        <source>Placed today</source>
        <translation>Heute gewählt</translation>
    </message>
    <message>
        <source>Connect rate</source>
        <translation>Erreichbarkeitsquote</translation>
    </message>
    <message>
        <source>Bookings today</source>
        <translation>Buchungen heute</translation>
    </message>
    <message>
        <source>Next in line (select a lead to see why it is not callable now):</source>
        <translation>Als Nächstes an der Reihe (einen Lead wählen, um zu sehen, warum er jetzt nicht anrufbar ist):</translation>
    </message>
    <message>
        <source>Select a campaign to see its dialer.</source>
        <translation>Eine Kampagne wählen, um ihren Wähler zu sehen.</translation>
    </message>
    <message>
        <source>Could not read the dialer: %1</source>
        <translation>Der Wähler konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dialing&lt;/b&gt; since %1</source>
        <translation>&lt;b&gt;Wählt&lt;/b&gt; seit %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused&lt;/b&gt;</source>
        <translation>&lt;b&gt;Pausiert&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Pausiert:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stopped&lt;/b&gt;</source>
        <translation>&lt;b&gt;Beendet&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Lead %1</source>
        <translation>Lead %1</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <source>not looked at yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <source>Could not check %1: %2</source>
        <translation>%1 konnte nicht geprüft werden: %2</translation>
    </message>
    <message>
        <source>%1 is callable now.</source>
        <translation>%1 ist jetzt anrufbar.</translation>
    </message>
    <message>
        <source>%1 is not callable now: %2. Callable from %3.</source>
        <translation>%1 ist jetzt nicht anrufbar: %2. Anrufbar ab %3.</translation>
    </message>
    <message>
        <source>%1 is not callable: %2.</source>
        <translation>%1 ist nicht anrufbar: %2.</translation>
    </message>
    <message>
        <source>Abandoned, 30 days</source>
        <translation>Abgebrochen, 30 Tage</translation>
    </message>
    <message>
        <source>Calls a person answered that the agent dropped before speaking, against all live answers of the campaign in the last 30 days. Above 3 % the dialer pauses.</source>
        <translation>Anrufe, die eine Person angenommen hat und die der Agent vor dem ersten Wort verloren hat, im Verhältnis zu allen persönlich angenommenen Anrufen der Kampagne in den letzten 30 Tagen. Über 3 % pausiert der Wähler.</translation>
    </message>
    <message>
        <source>%1 of %2 live answers abandoned in the last 30 days. Above 3 % the dialer pauses.</source>
        <translation>%1 von %2 persönlich angenommenen Anrufen in den letzten 30 Tagen abgebrochen. Über 3 % pausiert der Wähler.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DncBox</name>
    <message>
        <source>SMS reply (STOP)</source>
        <translation>SMS-Antwort (STOP)</translation>
    </message>
    <message>
        <source>Call (asked not to be called)</source>
        <translation>Anruf (bat, nicht mehr anzurufen)</translation>
    </message>
    <message>
        <source>E-mail unsubscribe</source>
        <translation>E-Mail-Abmeldung</translation>
    </message>
    <message>
        <source>Imported list</source>
        <translation>Importierte Liste</translation>
    </message>
    <message>
        <source>Added by hand</source>
        <translation>Von Hand hinzugefügt</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Alle Kanäle</translation>
    </message>
    <message>
        <source>erased, hash %1…</source>
        <translation>gelöscht, Hash %1…</translation>
    </message>
    <message>
        <source>Search phone, e-mail or reason</source>
        <translation>Telefon, E-Mail oder Grund suchen</translation>
    </message>
    <message>
        <source>Show removed entries</source>
        <translation>Entfernte Einträge zeigen</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Telefon oder E-Mail</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Added (UTC)</source>
        <translation>Hinzugefügt (UTC)</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV importieren…</translation>
    </message>
    <message>
        <source>Remove (added by mistake)…</source>
        <translation>Entfernen (irrtümlich hinzugefügt)…</translation>
    </message>
    <message>
        <source>Only entries a person added or imported; the entry is kept, marked removed, and the audit log records who and why. A contact&apos;s own opt-out cannot be removed.</source>
        <translation>Nur Einträge, die eine Person hinzugefügt oder importiert hat; der Eintrag bleibt erhalten und wird als entfernt markiert, das Audit-Protokoll hält fest, wer und warum. Der eigene Widerspruch eines Kontakts kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Every entry blocks calls, texts or e-mail at once and is kept at least five years. An erased lead&apos;s entries keep only a hash of the number or address.</source>
        <translation>Jeder Eintrag sperrt Anrufe, SMS oder E-Mails sofort und wird mindestens fünf Jahre aufbewahrt. Die Einträge eines gelöschten Leads behalten nur einen Hash der Nummer oder Adresse.</translation>
    </message>
    <message>
        <source>Import do-not-call list</source>
        <translation>Sperrliste importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV-Dateien (*.csv *.txt)</translation>
    </message>
    <message>
        <source>Do-not-call import</source>
        <translation>Sperrlisten-Import</translation>
    </message>
    <message>
        <source>blocking</source>
        <translation>sperrt</translation>
    </message>
    <message>
        <source>removed %1 by %2: %3</source>
        <translation>entfernt %1 von %2: %3</translation>
    </message>
    <message>
        <source>blocking (lead erased)</source>
        <translation>sperrt (Lead gelöscht)</translation>
    </message>
    <message>
        <source>all clients</source>
        <translation>alle Kunden</translation>
    </message>
    <message>
        <source>%1 of %2 entries</source>
        <translation>%1 von %2 Einträgen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln Eintrag</numerusform>
            <numerusform>%Ln Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>Added to the do-not-call list.</source>
        <translation>Zur Sperrliste hinzugefügt.</translation>
    </message>
    <message>
        <source>Already on the do-not-call list.</source>
        <translation>Steht schon auf der Sperrliste.</translation>
    </message>
    <message>
        <source>Entry marked removed; it no longer blocks and stays on record.</source>
        <translation>Eintrag als entfernt markiert; er sperrt nicht mehr und bleibt gespeichert.</translation>
    </message>
    <message>
        <source>Select an entry first.</source>
        <translation>Zuerst einen Eintrag auswählen.</translation>
    </message>
    <message>
        <source>Remove do-not-call entry</source>
        <translation>Sperrlisten-Eintrag entfernen</translation>
    </message>
    <message>
        <source>Why was this entry added by mistake? (kept in the audit log)</source>
        <translation>Warum wurde dieser Eintrag irrtümlich hinzugefügt? (wird im Audit-Protokoll gespeichert)</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>The entries apply to:</source>
        <translation>Die Einträge gelten für:</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importiere %1…</translation>
    </message>
    <message>
        <source>Importing… %1 rows read</source>
        <translation>Importiere… %1 Zeilen gelesen</translation>
    </message>
    <message>
        <source>%1 rows read: %2 added, %3 already on the list, %4 rejected.</source>
        <translation>%1 Zeilen gelesen: %2 hinzugefügt, %3 schon auf der Liste, %4 abgelehnt.</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Import fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Row %1, %2: %3</source>
        <translation>Zeile %1, %2: %3</translation>
    </message>
    <message>
        <source>The good rows were kept. Rejected rows:</source>
        <translation>Die guten Zeilen wurden übernommen. Abgelehnte Zeilen:</translation>
    </message>
    <message>
        <source>
… and %1 more (see the details)</source>
        <translation>
… und %1 weitere (siehe Details)</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DncEntryDialog</name>
    <message>
        <source>Add to the do-not-call list</source>
        <translation>Zur Sperrliste hinzufügen</translation>
    </message>
    <message>
        <source>e.g. (415) 555-0134 or +44 20 7946 0958</source>
        <translation>z. B. (415) 555-0134 oder +44 20 7946 0958</translation>
    </message>
    <message>
        <source>e.g. asked by phone on 3 March</source>
        <translation>z. B. am 3. März telefonisch gebeten</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Applies to:</source>
        <translation>Gilt für:</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DurationSpinBox</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>min|minute|minutes</source>
        <comment>units a duration may be typed in, lower case, | between</comment>
        <translation>min|minute|minuten</translation>
    </message>
    <message>
        <source>h|hour|hours</source>
        <comment>units a duration may be typed in, lower case, | between</comment>
        <translation>std|stunde|stunden|h</translation>
    </message>
    <message>
        <source>d|day|days</source>
        <comment>units a duration may be typed in, lower case, | between</comment>
        <translation>tag|tage|d</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::EventsBox</name>
    <message>
        <source>&amp;Replay</source>
        <translation>E&amp;rneut verarbeiten</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unattributed (no client)</source>
        <translation>Nicht zugeordnet (kein Kunde)</translation>
    </message>
    <message>
        <source>Unattributed events carry no id mapped to a client (Retell agent or number, Cal.com event type or organizer, MessageBird number): they were stored and changed nothing. Add the id to the client, then replay the event.</source>
        <translation>Nicht zugeordnete Ereignisse enthalten keine einem Kunden zugeordnete ID (Retell-Agent oder -Nummer, Cal.com-Ereignistyp oder -Organisator, MessageBird-Nummer): Sie wurden gespeichert und haben nichts geändert. Fügen Sie die ID beim Kunden hinzu und verarbeiten Sie das Ereignis dann erneut.</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Queued again.</source>
        <translation>Erneut eingereiht.</translation>
    </message>
    <message>
        <source>Could not load events: %1</source>
        <translation>Ereignisse konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Select an event first.</source>
        <translation>Wählen Sie zuerst ein Ereignis aus.</translation>
    </message>
    <message>
        <source>Webhook journal (latest 500 matching)</source>
        <translation>Webhook-Journal (neueste 500 Treffer)</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>Alle Anbieter</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Angewendet</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignoriert</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Select an event to see its raw body.</source>
        <translation>Wählen Sie ein Ereignis, um seinen Rohinhalt zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n Ereignis</numerusform>
            <numerusform>%n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>X-Retell-Signature, HMAC-SHA256 with the API key, timestamp within 5 minutes</source>
        <translation>X-Retell-Signature, HMAC-SHA256 mit dem API-Schlüssel, Zeitstempel innerhalb von 5 Minuten</translation>
    </message>
    <message>
        <source>X-Cal-Signature-256, HMAC-SHA256 with the webhook secret</source>
        <translation>X-Cal-Signature-256, HMAC-SHA256 mit dem Webhook-Secret</translation>
    </message>
    <message>
        <source>Stripe-Signature, HMAC-SHA256 with the signing secret, timestamp within 5 minutes</source>
        <translation>Stripe-Signature, HMAC-SHA256 mit dem Signaturgeheimnis, Zeitstempel innerhalb von 5 Minuten</translation>
    </message>
    <message>
        <source>SendGrid signed event webhook, ECDSA P-256 with the verification key</source>
        <translation>Signierter SendGrid-Ereignis-Webhook, ECDSA P-256 mit dem Prüfschlüssel</translation>
    </message>
    <message>
        <source>MessageBird-Signature-JWT, HMAC with the signing key over the URL and body</source>
        <translation>MessageBird-Signature-JWT, HMAC mit dem Signaturschlüssel über URL und Inhalt</translation>
    </message>
    <message>
        <source>Could not read event: %1</source>
        <translation>Ereignis konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>unattributed</source>
        <translation>nicht zugeordnet</translation>
    </message>
    <message>
        <source>Event %1 · %2 · %3 · %4</source>
        <translation>Ereignis %1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Received %1 UTC · %2 · attempts: %3</source>
        <translation>Empfangen %1 UTC · %2 · Versuche: %3</translation>
    </message>
    <message>
        <source>Signature: verified on receipt (%1). A request whose signature fails is answered 401 and never stored.</source>
        <translation>Signatur: beim Empfang geprüft (%1). Eine Anfrage mit ungültiger Signatur wird mit 401 beantwortet und nie gespeichert.</translation>
    </message>
    <message>
        <source>Processing error: none</source>
        <translation>Verarbeitungsfehler: keiner</translation>
    </message>
    <message>
        <source>Processing error: %1</source>
        <translation>Verarbeitungsfehler: %1</translation>
    </message>
    <message>
        <source>… (%1 bytes in all; the first %2 shown)</source>
        <translation>… (%1 Bytes insgesamt; die ersten %2 angezeigt)</translation>
    </message>
    <message>
        <source>Only administrators can replay events.</source>
        <translation>Nur Administratoren können Ereignisse erneut verarbeiten.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ImportController</name>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Import leads from a CSV file into the selected campaign</source>
        <translation>Leads aus einer CSV-Datei in die ausgewählte Kampagne importieren</translation>
    </message>
    <message>
        <source>Import leads</source>
        <translation>Leads importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing leads…</source>
        <translation>Leads werden importiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>saving to the database</source>
        <translation>wird in der Datenbank gespeichert</translation>
    </message>
    <message>
        <source>estimating time left</source>
        <translation>verbleibende Zeit wird geschätzt</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>noch etwa %1 s</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) · %1 rows/s · %2</source>
        <translation>
            <numerusform>%Ln Zeile · %1 Zeilen/s · %2</numerusform>
            <numerusform>%Ln Zeilen · %1 Zeilen/s · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ImportDialog</name>
    <message>
        <source>Keep unmapped columns as custom fields</source>
        <translation>Nicht zugeordnete Spalten als eigene Felder behalten</translation>
    </message>
    <message>
        <source>Import leads into %1</source>
        <translation>Leads in %1 importieren</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <source>Comma</source>
        <translation>Komma</translation>
    </message>
    <message>
        <source>Semicolon</source>
        <translation>Semikolon</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Skip duplicates</source>
        <translation>Duplikate überspringen</translation>
    </message>
    <message>
        <source>Update existing leads</source>
        <translation>Vorhandene Leads aktualisieren</translation>
    </message>
    <message>
        <source>Keep what was imported</source>
        <translation>Bereits Importiertes behalten</translation>
    </message>
    <message>
        <source>Import nothing</source>
        <translation>Nichts importieren</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Maps to</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>Erster Wert</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Kodierung:</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>Trennzeichen:</translation>
    </message>
    <message>
        <source>Region for national numbers:</source>
        <translation>Region für nationale Nummern:</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>Duplikate:</translation>
    </message>
    <message>
        <source>On cancel:</source>
        <translation>Bei Abbruch:</translation>
    </message>
    <message>
        <source>First rows:</source>
        <translation>Erste Zeilen:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>The file has no header row.</source>
        <translation>Die Datei hat keine Kopfzeile.</translation>
    </message>
    <message>
        <source>No usable columns: map a column to Phone or E-mail.</source>
        <translation>Keine verwendbaren Spalten: Ordnen Sie eine Spalte Telefon oder E-Mail zu.</translation>
    </message>
    <message>
        <source>Region: enter a two-letter country code such as US.</source>
        <translation>Region: Geben Sie einen zweibuchstabigen Ländercode wie DE ein.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ImportSummaryDialog</name>
    <message>
        <source>Save rejected rows…</source>
        <translation>Abgelehnte Zeilen speichern…</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>Abgelehnte Zeilen speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Abgebrochen: Es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>Cancelled: the rows below were imported before the cancel.</source>
        <translation>Abgebrochen: Die folgenden Zeilen wurden vor dem Abbruch importiert.</translation>
    </message>
    <message>
        <source>Rows read: %1</source>
        <translation>Gelesene Zeilen: %1</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>Importiert: %1</translation>
    </message>
    <message>
        <source>Updated: %1</source>
        <translation>Aktualisiert: %1</translation>
    </message>
    <message>
        <source>Duplicates skipped: %1 in the file, %2 already in the client&apos;s leads</source>
        <translation>Übersprungene Duplikate: %1 in der Datei, %2 bereits bei den Leads des Kunden</translation>
    </message>
    <message>
        <source>Marked do-not-contact (opt-out list): %1</source>
        <translation>Als „nicht kontaktieren“ markiert (Sperrliste): %1</translation>
    </message>
    <message>
        <source>Kept but flagged, area code not in this build&apos;s phone data (zone from the row or the client): %1</source>
        <translation>Übernommen, aber markiert, Vorwahl nicht in den Telefondaten dieser Version (Zeitzone aus der Zeile oder vom Kunden): %1</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Time: %1 s</source>
        <translation>Dauer: %1 s</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::LeadDetailDialog</name>
    <message>
        <source>Lead %1</source>
        <translation>Lead %1</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>Any format, e.g. (415) 555-0134</source>
        <translation>Beliebiges Format, z. B. (415) 555-0134</translation>
    </message>
    <message>
        <source>E&amp;xtension:</source>
        <translation>&amp;Durchwahl:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>Compan&amp;y:</source>
        <translation>&amp;Firma:</translation>
    </message>
    <message>
        <source>Campaign %1</source>
        <translation>Kampagne %1</translation>
    </message>
    <message>
        <source>C&amp;ampaign:</source>
        <translation>&amp;Kampagne:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Call &amp;back at:</source>
        <translation>&amp;Rückruf um:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>IANA name, e.g. America/Chicago</source>
        <translation>IANA-Name, z. B. America/Chicago</translation>
    </message>
    <message>
        <source>State/&amp;region:</source>
        <translation>Bundesstaat/Re&amp;gion:</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Schriftlich</translation>
    </message>
    <message>
        <source>Verbal</source>
        <translation>Mündlich</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Co&amp;nsent:</source>
        <translation>Ein&amp;willigung:</translation>
    </message>
    <message>
        <source>Consent so&amp;urce:</source>
        <translation>&amp;Quelle der Einwilligung:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otizen:</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Statusverlauf</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1: %2 → %3 by %4</source>
        <translation>%1: %2 → %3 von %4</translation>
    </message>
    <message>
        <source>No status change recorded yet.</source>
        <translation>Noch keine Statusänderung erfasst.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::LeadPickerDialog</name>
    <message>
        <source>Link to lead</source>
        <translation>Mit Lead verknüpfen</translation>
    </message>
    <message>
        <source>Name, e-mail or phone in any format</source>
        <translation>Name, E-Mail oder Telefon in beliebigem Format</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>&amp;Find a lead of this booking&apos;s client:</source>
        <translation>Lead des Kunden dieser Buchung &amp;finden:</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Verknüpfen</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>Could not search the leads: %1</source>
        <translation>Leads konnten nicht durchsucht werden: %1</translation>
    </message>
    <message>
        <source>No lead of this client matches.</source>
        <translation>Kein Lead dieses Kunden passt.</translation>
    </message>
    <message>
        <source>The first %1 matches; type more to narrow them.</source>
        <translation>Die ersten %1 Treffer; tippen Sie weiter, um einzugrenzen.</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) match.</source>
        <translation>
            <numerusform>%n Lead passt.</numerusform>
            <numerusform>%n Leads passen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::LeadsView</name>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Alle Kampagnen</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Beliebiger Status</translation>
    </message>
    <message>
        <source>Search: name, phone in any format, or e-mail</source>
        <translation>Suche: Name, Telefon in beliebigem Format oder E-Mail</translation>
    </message>
    <message>
        <source>Search leads</source>
        <translation>Leads durchsuchen</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Kunde:</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>Kampagne:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Select a lead to see its calls, appointments and messages.</source>
        <translation>Wählen Sie einen Lead aus, um seine Anrufe, Termine und Nachrichten zu sehen.</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Beginnt</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Termine</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Could not read the leads: %1</source>
        <translation>Die Leads konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No leads yet: import a CSV from Campaigns.</source>
        <translation>Noch keine Leads: Importieren Sie eine CSV-Datei unter Kampagnen.</translation>
    </message>
    <message>
        <source>No lead matches.</source>
        <translation>Kein Lead passt.</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 angezeigt</translation>
    </message>
    <message>
        <source>%1+ leads</source>
        <translation>%1+ Leads</translation>
    </message>
    <message numerus="yes">
        <source>%Ln lead(s)</source>
        <translation>
            <numerusform>%Ln Lead</numerusform>
            <numerusform>%Ln Leads</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the lead: %1</source>
        <translation>Der Lead konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Phone: %1%2</source>
        <translation>Telefon: %1%2</translation>
    </message>
    <message>
        <source> ext. %1</source>
        <translation> Durchwahl %1</translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation>E-Mail: %1</translation>
    </message>
    <message>
        <source>Company: %1</source>
        <translation>Firma: %1</translation>
    </message>
    <message>
        <source>Client: %1</source>
        <translation>Kunde: %1</translation>
    </message>
    <message>
        <source>Status: %1; calls: %2</source>
        <translation>Status: %1; Anrufe: %2</translation>
    </message>
    <message>
        <source>Time zone: %1%2</source>
        <translation>Zeitzone: %1%2</translation>
    </message>
    <message>
        <source>Consent: %1 from %2</source>
        <translation>Einwilligung: %1 von %2</translation>
    </message>
    <message>
        <source>Apply export and bulk actions to</source>
        <translation>Export und Massenaktionen anwenden auf</translation>
    </message>
    <message>
        <source>Selected leads</source>
        <translation>Ausgewählte Leads</translation>
    </message>
    <message>
        <source>All that match the filter</source>
        <translation>Alle, die zum Filter passen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Bulk actions</source>
        <translation>Massenaktionen</translation>
    </message>
    <message>
        <source>Set status: %1</source>
        <translation>Status setzen: %1</translation>
    </message>
    <message>
        <source>Mark do-not-contact…</source>
        <translation>Als „nicht kontaktieren“ markieren…</translation>
    </message>
    <message>
        <source>Move to campaign…</source>
        <translation>In Kampagne verschieben…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Apply to:</source>
        <translation>Anwenden auf:</translation>
    </message>
    <message>
        <source>Export leads</source>
        <translation>Leads exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Move leads</source>
        <translation>Leads verschieben</translation>
    </message>
    <message>
        <source>To campaign:</source>
        <translation>In Kampagne:</translation>
    </message>
    <message>
        <source>Select leads first, or apply to all that match the filter.</source>
        <translation>Wählen Sie zuerst Leads aus oder wenden Sie die Aktion auf alle an, die zum Filter passen.</translation>
    </message>
    <message>
        <source>Exporting leads…</source>
        <translation>Leads werden exportiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Exporting leads: %1 of %2</source>
        <translation>Leads werden exportiert: %1 von %2</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln lead(s) to %1.</source>
        <translation>
            <numerusform>%Ln Lead nach %1 exportiert.</numerusform>
            <numerusform>%Ln Leads nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>%1: %2 of %3 leads changed.</source>
        <translation>%1: %2 von %3 Leads geändert.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Set status to %1</source>
        <translation>Status auf %1 setzen</translation>
    </message>
    <message>
        <source>Mark these leads do-not-contact? Their numbers and e-mail addresses go on the opt-out list.</source>
        <translation>Diese Leads als „nicht kontaktieren“ markieren? Ihre Nummern und E-Mail-Adressen kommen auf die Sperrliste.</translation>
    </message>
    <message>
        <source>Mark do-not-contact</source>
        <translation>Als „nicht kontaktieren“ markieren</translation>
    </message>
    <message>
        <source>Move to another campaign</source>
        <translation>In eine andere Kampagne verschieben</translation>
    </message>
    <message>
        <source>Delete every lead that matches the filter? This cannot be undone.</source>
        <translation>Alle Leads löschen, die zum Filter passen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %Ln selected lead(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Den %Ln ausgewählten Lead löschen? Dies kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>Die %Ln ausgewählten Leads löschen? Dies kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Kontaktiert</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Rückruf</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Gebucht</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Erschienen</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Nicht erschienen</translation>
    </message>
    <message>
        <source>Not interested</source>
        <translation>Kein Interesse</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Nicht kontaktieren</translation>
    </message>
    <message>
        <source>Contacted or further</source>
        <translation>Kontaktiert oder weiter</translation>
    </message>
    <message>
        <source>Booked or further</source>
        <translation>Gebucht oder weiter</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Any time zone</source>
        <translation>Jede Zeitzone</translation>
    </message>
    <message>
        <source>Contactable or not</source>
        <translation>Kontaktierbar oder nicht</translation>
    </message>
    <message>
        <source>DNC or opted out</source>
        <translation>Sperrliste oder abgemeldet</translation>
    </message>
    <message>
        <source>Contactable</source>
        <translation>Kontaktierbar</translation>
    </message>
    <message>
        <source>Added from</source>
        <translation>Hinzugefügt ab</translation>
    </message>
    <message>
        <source>Added until</source>
        <translation>Hinzugefügt bis</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Clear the called-in-period filter</source>
        <translation>Filter „im Zeitraum angerufen“ zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Edit lead…</source>
        <translation>Lead &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Open lead…</source>
        <translation>Lead ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation>Zeitzone:</translation>
    </message>
    <message>
        <source>%1: last called from %2 to %3</source>
        <translation>%1: zuletzt angerufen vom %2 bis %3</translation>
    </message>
    <message>
        <source>Leads called</source>
        <translation>Angerufene Leads</translation>
    </message>
    <message>
        <source>%1: %2 → %3 (%4)</source>
        <translation>%1: %2 → %3 (%4)</translation>
    </message>
    <message>
        <source>Status history:</source>
        <translation>Statusverlauf:</translation>
    </message>
    <message>
        <source>Lead saved. Its area code is in no phone data we have: check the number.</source>
        <translation>Lead gespeichert. Seine Vorwahl steht in keinen unserer Telefondaten: Nummer prüfen.</translation>
    </message>
    <message>
        <source>Lead saved.</source>
        <translation>Lead gespeichert.</translation>
    </message>
    <message>
        <source>Erase lead (privacy request)…</source>
        <translation>Lead löschen (Datenschutzanfrage)…</translation>
    </message>
    <message>
        <source>Select the leads to erase: a privacy request names its person, never a filter.</source>
        <translation>Die zu löschenden Leads auswählen: Eine Datenschutzanfrage nennt eine Person, nie einen Filter.</translation>
    </message>
    <message numerus="yes">
        <source>Erase the %Ln selected lead(s)? Their personal data is deleted; their numbers and e-mail addresses stay on the do-not-call list only as a hash, so they are never contacted again. This cannot be undone.</source>
        <translation>
            <numerusform>%Ln ausgewählten Lead löschen? Seine personenbezogenen Daten werden gelöscht; Nummer und E-Mail-Adresse bleiben nur als Hash auf der Sperrliste, damit sie nie wieder kontaktiert werden. Dies kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>%Ln ausgewählte Leads löschen? Die personenbezogenen Daten werden gelöscht; Nummern und E-Mail-Adressen bleiben nur als Hash auf der Sperrliste, damit sie nie wieder kontaktiert werden. Dies kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Erase (privacy request)</source>
        <translation>Löschen (Datenschutzanfrage)</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::LoginDialog</name>
    <message>
        <source>Sign in to Callvia</source>
        <translation>Bei Callvia anmelden</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>User name: required.</source>
        <translation>Benutzername: erforderlich.</translation>
    </message>
    <message>
        <source>Password: required.</source>
        <translation>Passwort: erforderlich.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::MainWindow</name>
    <message>
        <source>Callvia</source>
        <translation>Callvia</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Termine</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <source>Not built yet: %1</source>
        <translation>Noch nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>KPI cards and charts of calls, bookings, shows and revenue.</source>
        <translation>Kennzahlen und Diagramme zu Anrufen, Buchungen, erschienenen Terminen und Umsatz.</translation>
    </message>
    <message>
        <source>the paged lead list with search and filters.</source>
        <translation>die seitenweise Lead-Liste mit Suche und Filtern.</translation>
    </message>
    <message>
        <source>the calendar and the show verification controls.</source>
        <translation>der Kalender und die Steuerelemente zur Erscheinensprüfung.</translation>
    </message>
    <message>
        <source>usage, milestones and Stripe invoices.</source>
        <translation>Nutzung, Meilensteine und Stripe-Rechnungen.</translation>
    </message>
    <message>
        <source>users, settings, secrets, the webhook event log and the audit log.</source>
        <translation>Benutzer, Einstellungen, Zugangsdaten, das Webhook-Ereignisprotokoll und das Prüfprotokoll.</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Callvia</source>
        <translation>Ü&amp;ber Callvia</translation>
    </message>
    <message>
        <source>About Callvia</source>
        <translation>Über Callvia</translation>
    </message>
    <message>
        <source>Callvia %1
AI voice appointment-setting campaigns for agencies.</source>
        <translation>Callvia %1
KI-gestützte Telefonkampagnen zur Terminvereinbarung für Agenturen.</translation>
    </message>
    <message>
        <source>Database works again</source>
        <translation>Die Datenbank funktioniert wieder</translation>
    </message>
    <message>
        <source>Database problem: %1
Changes cannot be saved and lists may be out of date; incoming webhooks are answered 503 so the providers retry them, and nothing stored is lost. This message clears by itself when the database works again.</source>
        <translation>Datenbankproblem: %1
Änderungen können nicht gespeichert werden und Listen sind möglicherweise veraltet; eingehende Webhooks werden mit 503 beantwortet, damit die Anbieter sie erneut senden, und nichts Gespeichertes geht verloren. Diese Meldung verschwindet von selbst, sobald die Datenbank wieder funktioniert.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::MessageList</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>To / from</source>
        <translation>An / von</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Buffered</source>
        <translation>Gepuffert</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>Unzustellbar</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <source>Clicked</source>
        <translation>Geklickt</translation>
    </message>
    <message>
        <source>Marked as spam</source>
        <translation>Als Spam markiert</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Ausgehend</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::OutboxView</name>
    <message>
        <source>Any state</source>
        <translation>Beliebiger Zustand</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Beliebige Art</translation>
    </message>
    <message>
        <source>Any client</source>
        <translation>Beliebiger Kunde</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Due (UTC)</source>
        <translation>Fällig (UTC)</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Provider ref</source>
        <translation>Anbieter-Referenz</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Select a row to see its payload (secrets masked) and the provider&apos;s answer.</source>
        <translation>Wählen Sie eine Zeile aus, um ihre Nutzdaten (Zugangsdaten maskiert) und die Antwort des Anbieters zu sehen.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Send this failed row again (attempts start from zero)</source>
        <translation>Diese fehlgeschlagene Zeile erneut senden (Versuche beginnen bei null)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Never send this failed row</source>
        <translation>Diese fehlgeschlagene Zeile nie senden</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Cannot read the outbox: %1</source>
        <translation>Der Postausgang kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>agency</source>
        <translation>Agentur</translation>
    </message>
    <message>
        <source>Outbox row %1 (%2), idempotency key %3
</source>
        <translation>Postausgang-Zeile %1 (%2), Idempotenzschlüssel %3
</translation>
    </message>
    <message numerus="yes">
        <source>State %1 after %n attempt(s); due %2 UTC; sent %3
</source>
        <translation>
            <numerusform>Zustand %1 nach %n Versuch; fällig %2 UTC; gesendet %3
</numerusform>
            <numerusform>Zustand %1 nach %n Versuchen; fällig %2 UTC; gesendet %3
</numerusform>
        </translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Last error: %1
</source>
        <translation>Letzter Fehler: %1
</translation>
    </message>
    <message>
        <source>
Payload (secrets masked):
%1
</source>
        <translation>
Nutzdaten (Zugangsdaten maskiert):
%1
</translation>
    </message>
    <message>
        <source>
Provider&apos;s answer%1:
%2</source>
        <translation>
Antwort des Anbieters%1:
%2</translation>
    </message>
    <message>
        <source> (HTTP %1 from %2)</source>
        <translation> (HTTP %1 von %2)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>Wählen Sie zuerst eine Zeile aus.</translation>
    </message>
    <message>
        <source>Not changed: only a failed row can be retried or cancelled here (row %1 is %2).</source>
        <translation>Nicht geändert: Nur eine fehlgeschlagene Zeile kann hier erneut gesendet oder abgebrochen werden (Zeile %1 ist %2).</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Nicht geändert: %1</translation>
    </message>
    <message>
        <source>Row %1 will be sent again.</source>
        <translation>Zeile %1 wird erneut gesendet.</translation>
    </message>
    <message>
        <source>Row %1 cancelled.</source>
        <translation>Zeile %1 abgebrochen.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ProvidersBox</name>
    <message>
        <source>Provider connections</source>
        <translation>Anbieterverbindungen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>One harmless GET %1 with the stored API key; nothing is changed at %2.</source>
        <translation>Ein harmloses GET %1 mit dem gespeicherten API-Schlüssel; bei %2 wird nichts geändert.</translation>
    </message>
    <message>
        <source>Not tested yet.</source>
        <translation>Noch nicht getestet.</translation>
    </message>
    <message>
        <source>Webhook listener</source>
        <translation>Webhook-Listener</translation>
    </message>
    <message>
        <source>The address the providers reach the listener at: the tunnel&apos;s or reverse proxy&apos;s public https URL (setting listener.public_url).</source>
        <translation>Die Adresse, unter der die Anbieter den Listener erreichen: die öffentliche https-URL des Tunnels oder Reverse-Proxys (Einstellung listener.public_url).</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Webhook URL to paste into its dashboard</source>
        <translation>Webhook-URL zum Einfügen in sein Dashboard</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>URL &amp;kopieren</translation>
    </message>
    <message>
        <source>Re&amp;fresh state</source>
        <translation>Zustand a&amp;ktualisieren</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Public base URL:</source>
        <translation>Öffentliche Basis-URL:</translation>
    </message>
    <message>
        <source>(POST, or GET for delivery reports)</source>
        <translation>(POST, oder GET für Zustellberichte)</translation>
    </message>
    <message>
        <source>listening on %1 (configured %2)</source>
        <translation>lauscht auf %1 (eingestellt %2)</translation>
    </message>
    <message>
        <source>not running (configured %1)</source>
        <translation>läuft nicht (eingestellt %1)</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Connected: %1 accepted the key (HTTP %2 from %3).</source>
        <translation>Verbunden: %1 hat den Schlüssel angenommen (HTTP %2 von %3).</translation>
    </message>
    <message>
        <source>No API key is set: set the secret %1 first.</source>
        <translation>Kein API-Schlüssel gesetzt: Setzen Sie zuerst die Zugangsdaten %1.</translation>
    </message>
    <message>
        <source>%1 refused the API key (HTTP %2): %3. Check the key (Set secret…).</source>
        <translation>%1 hat den API-Schlüssel abgelehnt (HTTP %2): %3. Prüfen Sie den Schlüssel (Zugangsdaten setzen…).</translation>
    </message>
    <message>
        <source>Cannot reach %1 at %2: %3.</source>
        <translation>%1 ist unter %2 nicht erreichbar: %3.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 at %3: %4.</source>
        <translation>%1 antwortete mit HTTP %2 unter %3: %4.</translation>
    </message>
    <message>
        <source>Send test event</source>
        <translation>Testereignis senden</translation>
    </message>
    <message>
        <source>&amp;Send test event</source>
        <translation>Testereignis &amp;senden</translation>
    </message>
    <message>
        <source>Signs a harmless test event as the provider would, posts it to the public URL (listener.public_url; else this listener) and checks that it was stored. Test events show in the journal and are never applied.</source>
        <translation>Signiert ein harmloses Testereignis wie der Anbieter, sendet es an die öffentliche URL (listener.public_url; sonst an diesen Listener) und prüft, ob es gespeichert wurde. Testereignisse erscheinen im Journal und werden nie angewendet.</translation>
    </message>
    <message>
        <source>Checks the public URL end to end: tunnel or proxy, signature, storage.</source>
        <translation>Prüft die öffentliche URL von Ende zu Ende: Tunnel oder Proxy, Signatur, Speicherung.</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Anbieter:</translation>
    </message>
    <message>
        <source>Sending a %1 test event and waiting for it to be stored…</source>
        <translation>Sende ein %1-Testereignis und warte, bis es gespeichert ist…</translation>
    </message>
    <message>
        <source>the public URL, listener.public_url</source>
        <translation>die öffentliche URL, listener.public_url</translation>
    </message>
    <message>
        <source>the local listener: no listener.public_url is set</source>
        <translation>der lokale Listener: listener.public_url ist nicht gesetzt</translation>
    </message>
    <message>
        <source>Stored. The %1 test event reached %2 (%3), was answered HTTP %4 and is stored as event #%5, received %6 UTC (%7; test events are never applied).</source>
        <translation>Gespeichert. Das %1-Testereignis erreichte %2 (%3), erhielt HTTP %4 als Antwort und ist als Ereignis #%5 gespeichert, empfangen %6 UTC (%7; Testereignisse werden nie angewendet).</translation>
    </message>
    <message>
        <source>Sent to %1 (%2) and answered HTTP %3%4, but not stored: %5.</source>
        <translation>An %1 (%2) gesendet, Antwort HTTP %3%4, aber nicht gespeichert: %5.</translation>
    </message>
    <message>
        <source>Signature refused: %1 (%2) answered HTTP 401%3. The %4 set here differs from the listener&apos;s.</source>
        <translation>Signatur abgelehnt: %1 (%2) antwortete HTTP 401%3. Das hier gesetzte %4 weicht von dem des Listeners ab.</translation>
    </message>
    <message>
        <source>Not configured: %1 answered HTTP %2: %3.</source>
        <translation>Nicht eingerichtet: %1 antwortete HTTP %2: %3.</translation>
    </message>
    <message>
        <source>Not sent: %1.</source>
        <translation>Nicht gesendet: %1.</translation>
    </message>
    <message>
        <source>Unreachable: %1 (%2): %3.</source>
        <translation>Nicht erreichbar: %1 (%2): %3.</translation>
    </message>
    <message>
        <source>%1 (%2) answered HTTP %3%4.</source>
        <translation>%1 (%2) antwortete HTTP %3%4.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ResetPasswordDialog</name>
    <message>
        <source>Reset password of %1</source>
        <translation>Passwort von %1 zurücksetzen</translation>
    </message>
    <message>
        <source>%1 must choose a new password at the next sign-in. Use at least %2 characters, not containing the user name.</source>
        <translation>%1 muss bei der nächsten Anmeldung ein neues Passwort wählen. Verwenden Sie mindestens %2 Zeichen, ohne den Benutzernamen.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Vorläufiges Passwort</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>Repeat password: the two passwords differ.</source>
        <translation>Passwort wiederholen: Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::SettingsActions</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Settings saved. Language, time zone and listener address apply when Callvia starts again.</source>
        <translation>Einstellungen gespeichert. Sprache, Zeitzone und Listener-Adresse gelten nach dem nächsten Start von Callvia.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <source>the default folder</source>
        <translation>der Standardordner</translation>
    </message>
    <message>
        <source> newest backups</source>
        <translation> neueste Sicherungen</translation>
    </message>
    <message>
        <source> shown appointments</source>
        <translation> wahrgenommene Termine</translation>
    </message>
    <message>
        <source> ¢ per minute</source>
        <translation> ¢ pro Minute</translation>
    </message>
    <message>
        <source> hours after the appointment ends</source>
        <translation> Stunden nach Terminende</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Display &amp;time zone:</source>
        <translation>Anzeige-&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>Language and time zone apply the next time Callvia starts.</source>
        <translation>Sprache und Zeitzone gelten beim nächsten Start von Callvia.</translation>
    </message>
    <message>
        <source>Listener &amp;address:</source>
        <translation>Listener-&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Backup &amp;folder:</source>
        <translation>Sicherungs&amp;ordner:</translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation>&amp;Behalten:</translation>
    </message>
    <message>
        <source>Defaults for new clients</source>
        <translation>Vorgaben für neue Kunden</translation>
    </message>
    <message>
        <source>&amp;Shows per milestone:</source>
        <translation>&amp;Termine pro Meilenstein:</translation>
    </message>
    <message>
        <source>Milestone a&amp;mount ($):</source>
        <translation>Meilenstein&amp;betrag ($):</translation>
    </message>
    <message>
        <source>&amp;Rate per minute:</source>
        <translation>&amp;Minutenpreis:</translation>
    </message>
    <message>
        <source>&amp;Verification wait:</source>
        <translation>&amp;Wartezeit der Prüfung:</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Sicherungsordner</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::SetupDialog</name>
    <message>
        <source>Set up Callvia</source>
        <translation>Callvia einrichten</translation>
    </message>
    <message>
        <source>Create the first administrator. Administrators manage users, settings and provider secrets. Use at least %1 characters for the password.</source>
        <translation>Legen Sie den ersten Administrator an. Administratoren verwalten Benutzer, Einstellungen und Zugangsdaten der Anbieter. Verwenden Sie mindestens %1 Zeichen für das Passwort.</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Administrator anlegen</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>Repeat password: the two passwords differ.</source>
        <translation>Passwort wiederholen: Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::UnmatchedBookingsBox</name>
    <message>
        <source>Bookings without a lead (Cal.com)</source>
        <translation>Buchungen ohne Lead (Cal.com)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Attendee</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <source>Link to lead…</source>
        <translation>Mit Lead verknüpfen…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Select a booking first.</source>
        <translation>Wählen Sie zuerst eine Buchung aus.</translation>
    </message>
    <message>
        <source>Could not read the bookings: %1</source>
        <translation>Die Buchungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Linked to lead %1.</source>
        <translation>Mit Lead %1 verknüpft.</translation>
    </message>
    <message>
        <source>Not linked: %1</source>
        <translation>Nicht verknüpft: %1</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::UserRoleDialog</name>
    <message>
        <source>Change role of %1</source>
        <translation>Rolle von %1 ändern</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ändern</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Callvia</source>
        <translation>Callvia</translation>
    </message>
    <message>
        <source>Callvia cannot use its database.

%1</source>
        <translation>Callvia kann seine Datenbank nicht verwenden.

%1</translation>
    </message>
    <message>
        <source>Welcome to Callvia</source>
        <translation>Willkommen bei Callvia</translation>
    </message>
    <message>
        <source>This database is empty. Load demo data (a few clients, campaigns and leads) to look around?</source>
        <translation>Diese Datenbank ist leer. Demodaten laden (einige Kunden, Kampagnen und Leads), um sich umzusehen?</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodaten</translation>
    </message>
    <message>
        <source>Listener not running: %1</source>
        <translation>Listener läuft nicht: %1</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>%1

Password:</source>
        <translation>%1

Passwort:</translation>
    </message>
    <message>
        <source>Sign in to the team database.</source>
        <translation>Bei der Team-Datenbank anmelden.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Falscher Benutzername oder falsches Passwort.</translation>
    </message>
    <message>
        <source>not started for client users</source>
        <translation>für Kundenbenutzer nicht gestartet</translation>
    </message>
    <message>
        <source>Database: %1    Webhooks: http://%2:%3/api/webhooks/</source>
        <translation>Datenbank: %1    Webhooks: http://%2:%3/api/webhooks/</translation>
    </message>
    <message>
        <source>Providers and listener</source>
        <translation>Anbieter und Listener</translation>
    </message>
    <message>
        <source>Webhook events</source>
        <translation>Webhook-Ereignisse</translation>
    </message>
    <message>
        <source>Do-not-call list</source>
        <translation>Sperrliste</translation>
    </message>
    <message>
        <source>Events and DNC</source>
        <translation>Ereignisse und Sperrliste</translation>
    </message>
    <message>
        <source>Dialing paused for campaign %1: %2</source>
        <translation>Wählen für Kampagne %1 pausiert: %2</translation>
    </message>
</context>
<context>
    <name>RoleClientFields</name>
    <message>
        <source>Staff: every client&apos;s operational data</source>
        <translation>Mitarbeiter: operative Daten aller Kunden</translation>
    </message>
    <message>
        <source>Client user: one client&apos;s data, read-mostly</source>
        <translation>Kundenbenutzer: Daten eines Kunden, überwiegend lesend</translation>
    </message>
    <message>
        <source>Administrator: everything, incl. users and secrets</source>
        <translation>Administrator: alles, inkl. Benutzer und Zugangsdaten</translation>
    </message>
    <message>
        <source>(no clients yet)</source>
        <translation>(noch keine Kunden)</translation>
    </message>
    <message>
        <source>only for client users</source>
        <translation>nur für Kundenbenutzer</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (archiviert)</translation>
    </message>
</context>
</TS>
