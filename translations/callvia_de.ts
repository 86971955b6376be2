<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Callvia::Models::CampaignTableModel</name>
    <message>
        <location filename="../models/campaigntablemodel.cpp" line="98"/>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/campaigntablemodel.cpp" line="98"/>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/campaigntablemodel.cpp" line="99"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/campaigntablemodel.cpp" line="99"/>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/campaigntablemodel.cpp" line="100"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/campaigntablemodel.cpp" line="100"/>
        <source>Contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/campaigntablemodel.cpp" line="101"/>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/campaigntablemodel.cpp" line="101"/>
        <source>Shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/campaigntablemodel.cpp" line="102"/>
        <source>No-show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/campaigntablemodel.cpp" line="102"/>
        <source>DNC</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Callvia::Models::ClientTableModel</name>
    <message>
        <location filename="../models/clienttablemodel.cpp" line="74"/>
        <source>%1/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clienttablemodel.cpp" line="76"/>
        <source>%1 per %2 shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clienttablemodel.cpp" line="92"/>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clienttablemodel.cpp" line="94"/>
        <source>Contact e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clienttablemodel.cpp" line="96"/>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clienttablemodel.cpp" line="98"/>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clienttablemodel.cpp" line="100"/>
        <source>Milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clienttablemodel.cpp" line="102"/>
        <source>Stripe customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/clienttablemodel.cpp" line="104"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::CampaignDialog</name>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="30"/>
        <source>Edit campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="30"/>
        <source>New campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="47"/>
        <source>Two-letter region used for phone numbers written without a country code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="54"/>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="62"/>
        <source>&amp;Client:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="63"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="64"/>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="65"/>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="66"/>
        <source>Default &amp;region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="67"/>
        <source>Retell &amp;agent id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="68"/>
        <source>Caller &amp;number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="69"/>
        <source>Daily call &amp;limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="105"/>
        <source>Client: choose the client this campaign works for (create one first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="107"/>
        <source>Name: a campaign needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="109"/>
        <source>Name: at most 120 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="112"/>
        <source>Default region: &quot;%1&quot; is not a two-letter country code such as US or GB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="115"/>
        <source>Caller number: write it in E.164 form, such as +14155550100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaigndialog.cpp" line="117"/>
        <source>Retell agent id: an id has no spaces.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::CampaignsView</name>
    <message>
        <location filename="../ui/campaignsview.cpp" line="29"/>
        <source>Show archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="30"/>
        <source>&amp;New campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="31"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="32"/>
        <location filename="../ui/campaignsview.cpp" line="120"/>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="33"/>
        <source>&amp;Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="48"/>
        <source>Client:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="79"/>
        <source>All clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="94"/>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="94"/>
        <source>Could not load campaigns: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="120"/>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="127"/>
        <location filename="../ui/campaignsview.cpp" line="140"/>
        <source>New campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="127"/>
        <source>Create a client first: every campaign belongs to one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="142"/>
        <location filename="../ui/campaignsview.cpp" line="162"/>
        <source>Name: this client already has a campaign with that name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="160"/>
        <source>Edit campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="174"/>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="183"/>
        <location filename="../ui/campaignsview.cpp" line="188"/>
        <source>Archive campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/campaignsview.cpp" line="184"/>
        <source>Archive %1? It stops calling; its leads and history are kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ClientDialog</name>
    <message>
        <location filename="../ui/clientdialog.cpp" line="28"/>
        <source>Edit client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="28"/>
        <source>New client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="41"/>
        <source> ¢ per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="45"/>
        <source> shown appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="57"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="58"/>
        <source>Contact &amp;e-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="59"/>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="60"/>
        <source>&amp;Stripe customer id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="61"/>
        <source>&amp;Time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="62"/>
        <source>Per-minute &amp;rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="63"/>
        <source>Milestone &amp;size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="64"/>
        <source>Milestone &amp;amount ($):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="114"/>
        <source>Name: a client needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="116"/>
        <source>Contact e-mail: &quot;%1&quot; is not an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="118"/>
        <source>Stripe customer id: it starts with &quot;cus_&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="120"/>
        <source>Time zone: &quot;%1&quot; is not an IANA time zone such as America/New_York.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientdialog.cpp" line="123"/>
        <source>Milestone amount: enter dollars and cents, such as 2000 or 2000.00.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ClientsView</name>
    <message>
        <location filename="../ui/clientsview.cpp" line="23"/>
        <source>Show archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="24"/>
        <source>&amp;New client…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="25"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="26"/>
        <location filename="../ui/clientsview.cpp" line="80"/>
        <source>&amp;Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="63"/>
        <source>Clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="63"/>
        <source>Could not load clients: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="80"/>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="95"/>
        <location filename="../ui/clientsview.cpp" line="116"/>
        <source>Name or Stripe customer id: another client already uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="97"/>
        <source>New client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="114"/>
        <source>Edit client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="129"/>
        <location filename="../ui/clientsview.cpp" line="137"/>
        <source>Archive client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/clientsview.cpp" line="130"/>
        <source>Archive %1? Its campaigns stop showing in lists; nothing is deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="34"/>
        <source>Callvia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="39"/>
        <location filename="../ui/mainwindow.cpp" line="47"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="39"/>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="39"/>
        <location filename="../ui/mainwindow.cpp" line="49"/>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="39"/>
        <location filename="../ui/mainwindow.cpp" line="50"/>
        <source>Appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="40"/>
        <location filename="../ui/mainwindow.cpp" line="51"/>
        <source>Billing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="40"/>
        <source>Clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="40"/>
        <location filename="../ui/mainwindow.cpp" line="53"/>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="45"/>
        <source>Not built yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="47"/>
        <source>KPI cards and charts of calls, bookings, shows and revenue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="49"/>
        <source>the paged lead list with search and filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="50"/>
        <source>the calendar and the show verification controls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="51"/>
        <source>usage, milestones and Stripe invoices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="53"/>
        <source>users, settings, secrets, the webhook event log and the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="61"/>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="63"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="64"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="67"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="68"/>
        <source>&amp;About Callvia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="69"/>
        <source>About Callvia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="70"/>
        <source>Callvia %1
AI voice appointment-setting campaigns for agencies.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/main.cpp" line="125"/>
        <source>Callvia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="126"/>
        <source>Callvia cannot use its database.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="132"/>
        <source>Welcome to Callvia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="133"/>
        <source>This database is empty. Load demo data (a few clients, campaigns and leads) to look around?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="137"/>
        <source>Demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="142"/>
        <source>Listener not running: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
