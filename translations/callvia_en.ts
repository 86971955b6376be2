<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Callvia::Ui::AppointmentsView</name>
    <message numerus="yes">
        <source>%n hour(s) before</source>
        <translation>
            <numerusform>%n hour before</numerusform>
            <numerusform>%n hours before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) before</source>
        <translation>
            <numerusform>%n minute before</numerusform>
            <numerusform>%n minutes before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n appointment</numerusform>
            <numerusform>%n appointments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n appointment(s)</source>
        <translation>
            <numerusform>%1: %n appointment</numerusform>
            <numerusform>%1: %n appointments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Corrected: %n earlier verdict(s) in the audit log</source>
        <translation>
            <numerusform>Corrected: %n earlier verdict in the audit log</numerusform>
            <numerusform>Corrected: %n earlier verdicts in the audit log</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::BillingView</name>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DncBox</name>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln entries</numerusform>
            <numerusform>%Ln entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DurationSpinBox</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::EventsBox</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ImportController</name>
    <message numerus="yes">
        <source>%Ln row(s) · %1 rows/s · %2</source>
        <translation>
            <numerusform>%Ln row · %1 rows/s · %2</numerusform>
            <numerusform>%Ln rows · %1 rows/s · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::LeadPickerDialog</name>
    <message numerus="yes">
        <source>%n lead(s) match.</source>
        <translation>
            <numerusform>%n lead match.</numerusform>
            <numerusform>%n leads match.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::LeadsView</name>
    <message numerus="yes">
        <source>%Ln lead(s)</source>
        <translation>
            <numerusform>%Ln lead</numerusform>
            <numerusform>%Ln leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln lead(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln lead to %1.</numerusform>
            <numerusform>Exported %Ln leads to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the %Ln selected lead(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Delete the %Ln selected lead? This cannot be undone.</numerusform>
            <numerusform>Delete the %Ln selected leads? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Erase the %Ln selected lead(s)? Their personal data is deleted; their numbers and e-mail addresses stay on the do-not-call list only as a hash, so they are never contacted again. This cannot be undone.</source>
        <translation>
            <numerusform>Erase the %Ln selected lead? Their personal data is deleted; their numbers and e-mail addresses stay on the do-not-call list only as a hash, so they are never contacted again. This cannot be undone.</numerusform>
            <numerusform>Erase the %Ln selected leads? Their personal data is deleted; their numbers and e-mail addresses stay on the do-not-call list only as a hash, so they are never contacted again. This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::OutboxView</name>
    <message numerus="yes">
        <source>State %1 after %n attempt(s); due %2 UTC; sent %3
</source>
        <translation>
            <numerusform>State %1 after %n attempt; due %2 UTC; sent %3
</numerusform>
            <numerusform>State %1 after %n attempts; due %2 UTC; sent %3
</numerusform>
        </translation>
    </message>
</context>
</TS>
