<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AppSettings</name>
    <message>
        <source>Listener address: &quot;%1&quot; is not HOST:PORT with an IP address and a port from 1 to 65535, for example 127.0.0.1:8787.</source>
        <translation>Dirección del receptor: «%1» no es HOST:PUERTO con una dirección IP y un puerto de 1 a 65535, por ejemplo 127.0.0.1:8787.</translation>
    </message>
    <message>
        <source>Language: &quot;%1&quot; is not one of English, German or Spanish.</source>
        <translation>Idioma: «%1» no es inglés, alemán ni español.</translation>
    </message>
    <message>
        <source>Display time zone: &quot;%1&quot; is not a known time zone (use an IANA name such as America/New_York).</source>
        <translation>Zona horaria de visualización: «%1» no es una zona horaria conocida (use un nombre IANA como Europe/Madrid).</translation>
    </message>
    <message>
        <source>Backup folder: give a full path, such as %1.</source>
        <translation>Carpeta de copias: indique una ruta completa, como %1.</translation>
    </message>
    <message>
        <source>Backup folder: %1 is a file, not a folder.</source>
        <translation>Carpeta de copias: %1 es un archivo, no una carpeta.</translation>
    </message>
    <message>
        <source>Backups to keep: enter a number from 1 to 365.</source>
        <translation>Copias a conservar: introduzca un número de 1 a 365.</translation>
    </message>
    <message>
        <source>Shows per milestone: enter a number from 1 to 10,000.</source>
        <translation>Citas por hito: introduzca un número de 1 a 10.000.</translation>
    </message>
    <message>
        <source>Milestone amount: enter an amount of money such as 2000 or 2000.00.</source>
        <translation>Importe del hito: introduzca un importe como 2000 o 2000,00.</translation>
    </message>
    <message>
        <source>Rate per minute: enter cents from 0 to 100,000.</source>
        <translation>Tarifa por minuto: introduzca céntimos de 0 a 100.000.</translation>
    </message>
    <message>
        <source>Verification wait: enter from 0 to 720 hours.</source>
        <translation>Espera de verificación: introduzca de 0 a 720 horas.</translation>
    </message>
</context>
<context>
    <name>Callvia::App::AppContext</name>
    <message>
        <source>restore is for the SQLite database; use pg_restore for PostgreSQL</source>
        <translation>La restauración es para la base de datos SQLite; use pg_restore para PostgreSQL</translation>
    </message>
</context>
<context>
    <name>Callvia::Models::CampaignTableModel</name>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevos</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contactados</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Reservados</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Asistieron</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No asistieron</translation>
    </message>
    <message>
        <source>Show rate</source>
        <translation>Tasa de asistencia</translation>
    </message>
    <message>
        <source>DNC</source>
        <translation>No contactar</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausada</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivada</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
</context>
<context>
    <name>Callvia::Models::ClientTableModel</name>
    <message>
        <source>%1/min</source>
        <translation>%1/min</translation>
    </message>
    <message>
        <source>%1 per %2 shows</source>
        <translation>%1 por cada %2 asistencias</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Contact e-mail</source>
        <translation>Correo de contacto</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Tarifa</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>Hito</translation>
    </message>
    <message>
        <source>Stripe customer</source>
        <translation>Cliente de Stripe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>Callvia::Models::EventTableModel</name>
    <message>
        <source>unattributed</source>
        <translation>sin asignar</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Received (UTC)</source>
        <translation>Recibido (UTC)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>aplicado</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>ignorado</translation>
    </message>
    <message>
        <source>test, not applied</source>
        <translation>prueba, no aplicado</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::AddUserDialog</name>
    <message>
        <source>Must change the password at first sign-in</source>
        <translation>Debe cambiar la contraseña en el primer inicio de sesión</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Añadir usuario</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Initial password</source>
        <translation>Contraseña inicial</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Repetir contraseña</translation>
    </message>
    <message>
        <source>At least %1 characters, not containing the user name.</source>
        <translation>Al menos %1 caracteres, sin contener el nombre de usuario.</translation>
    </message>
    <message>
        <source>Repeat password: the two passwords differ.</source>
        <translation>Repetir contraseña: las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::AdminView</name>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Locked until (UTC)</source>
        <translation>Bloqueado hasta (UTC)</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>Debe cambiar la contraseña</translation>
    </message>
    <message>
        <source>Last sign-in (UTC)</source>
        <translation>Último inicio de sesión (UTC)</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Añadir usuario…</translation>
    </message>
    <message>
        <source>Change role/client…</source>
        <translation>Cambiar rol/cliente…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Restablecer contraseña…</translation>
    </message>
    <message>
        <source>Provider secrets (stored encrypted, never shown)</source>
        <translation>Secretos de los proveedores (guardados cifrados, nunca se muestran)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Set secret…</source>
        <translation>Definir secreto…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>cliente %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Hecho.</translation>
    </message>
    <message>
        <source>No secrets key is available (see the log).</source>
        <translation>No hay ninguna clave de secretos disponible (consulte el registro).</translation>
    </message>
    <message>
        <source>No such user: %1</source>
        <translation>No existe el usuario: %1</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Activar</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>Usuario %1 añadido.</translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation>Seleccione primero un usuario.</translation>
    </message>
    <message>
        <source>Role of %1 changed.</source>
        <translation>Rol de %1 cambiado.</translation>
    </message>
    <message>
        <source>Set secret</source>
        <translation>Definir secreto</translation>
    </message>
    <message>
        <source>Key (e.g. stripe.api_key):</source>
        <translation>Clave (p. ej., stripe.api_key):</translation>
    </message>
    <message>
        <source>Value of %1:</source>
        <translation>Valor de %1:</translation>
    </message>
    <message>
        <source>Password of %1 reset; it must be changed at the next sign-in.</source>
        <translation>Contraseña de %1 restablecida; deberá cambiarse en el próximo inicio de sesión.</translation>
    </message>
    <message>
        <source>Users and secrets</source>
        <translation>Usuarios y secretos</translation>
    </message>
    <message>
        <source>Webhook journal</source>
        <translation>Registro de webhooks</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::AppointmentsView</name>
    <message numerus="yes">
        <source>%n hour(s) before</source>
        <translation>
            <numerusform>%n hora antes</numerusform>
            <numerusform>%n horas antes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) before</source>
        <translation>
            <numerusform>%n minuto antes</numerusform>
            <numerusform>%n minutos antes</numerusform>
        </translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Awaiting verdict</source>
        <translation>Veredicto pendiente</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Times in %1</source>
        <translation>Horas en %1</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Lead&apos;s time</source>
        <translation>Hora local del lead</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Veredicto</translation>
    </message>
    <message>
        <source>Show verification</source>
        <translation>Verificación de asistencia</translation>
    </message>
    <message>
        <source>Mark shown…</source>
        <translation>Marcar como asistió…</translation>
    </message>
    <message>
        <source>Mark no-show…</source>
        <translation>Marcar como no asistió…</translation>
    </message>
    <message>
        <source>Mark shown</source>
        <translation>Marcar como asistió</translation>
    </message>
    <message>
        <source>Mark no-show</source>
        <translation>Marcar como no asistió</translation>
    </message>
    <message>
        <source>Reason (kept with the verdict and in the audit log):</source>
        <translation>Motivo (se guarda con el veredicto y en el registro de auditoría):</translation>
    </message>
    <message>
        <source>A reason is required.</source>
        <translation>Se requiere un motivo.</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Recordatorio</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <source>Messages of this appointment</source>
        <translation>Mensajes de esta cita</translation>
    </message>
    <message>
        <source>All messages with this lead</source>
        <translation>Todos los mensajes con este lead</translation>
    </message>
    <message>
        <source>Select an appointment to see its lead, reminders and messages.</source>
        <translation>Seleccione una cita para ver su lead, recordatorios y mensajes.</translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n cita</numerusform>
            <numerusform>%n citas</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the appointments: %1</source>
        <translation>No se pudieron leer las citas: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n appointment(s)</source>
        <translation>
            <numerusform>%1: %n cita</numerusform>
            <numerusform>%1: %n citas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (no lead)</source>
        <translation>%1 (sin lead)</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(desconocido)</translation>
    </message>
    <message>
        <source>(unattributed)</source>
        <translation>(sin asignar)</translation>
    </message>
    <message>
        <source>Could not read the appointment: %1</source>
        <translation>No se pudo leer la cita: %1</translation>
    </message>
    <message>
        <source>Lead: %1 %2, %3, %4</source>
        <translation>Lead: %1 %2, %3, %4</translation>
    </message>
    <message>
        <source>No lead matched: attendee %1, %2, %3</source>
        <translation>Ningún lead coincide: asistente %1, %2, %3</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Cita</translation>
    </message>
    <message>
        <source>%1 to %2 (%3)</source>
        <translation>%1 a %2 (%3)</translation>
    </message>
    <message>
        <source>Lead&apos;s local time: %1 %2</source>
        <translation>Hora local del lead: %1 %2</translation>
    </message>
    <message>
        <source>Client: %1</source>
        <translation>Cliente: %1</translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation>Lugar: %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Estado: %1</translation>
    </message>
    <message>
        <source>Booking: %1</source>
        <translation>Reserva: %1</translation>
    </message>
    <message>
        <source>Verdict: %1 (no rule or evidence recorded).</source>
        <translation>Veredicto: %1 (sin regla ni evidencia registradas).</translation>
    </message>
    <message>
        <source>No verdict: the appointment was %1.</source>
        <translation>Sin veredicto: la cita fue %1.</translation>
    </message>
    <message>
        <source>Awaiting verdict: decided automatically 48 hours after the end (the client&apos;s setting) unless the client or staff decide first.</source>
        <translation>Veredicto pendiente: se decide automáticamente 48 horas después del final (configuración del cliente), salvo que el cliente o el personal decidan antes.</translation>
    </message>
    <message>
        <source>Awaiting verdict: the automatic pass decides once the client&apos;s wait after the end (48 hours by default) is over.</source>
        <translation>Veredicto pendiente: el proceso automático decide cuando termina la espera del cliente tras el final (48 horas por defecto).</translation>
    </message>
    <message>
        <source>Verdict: %1</source>
        <translation>Veredicto: %1</translation>
    </message>
    <message>
        <source>, decided %1</source>
        <translation>, decidido %1</translation>
    </message>
    <message>
        <source>(e-mail)</source>
        <translation>(correo)</translation>
    </message>
    <message>
        <source>(SMS)</source>
        <translation>(SMS)</translation>
    </message>
    <message>
        <source>the client confirmed</source>
        <translation>el cliente lo confirmó</translation>
    </message>
    <message>
        <source>the lead replied yes to a reminder</source>
        <translation>el lead respondió que sí a un recordatorio</translation>
    </message>
    <message>
        <source>a call with the lead in the appointment&apos;s window</source>
        <translation>una llamada con el lead dentro del horario de la cita</translation>
    </message>
    <message>
        <source>no confirmation and no qualifying call</source>
        <translation>sin confirmación ni llamada válida</translation>
    </message>
    <message>
        <source>decided by staff</source>
        <translation>decidido por el personal</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Asistieron</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No asistieron</translation>
    </message>
    <message>
        <source>Decided %1 by %2</source>
        <translation>Decidido %1 por %2</translation>
    </message>
    <message>
        <source>the client&apos;s link</source>
        <translation>el enlace del cliente</translation>
    </message>
    <message>
        <source>the automatic pass</source>
        <translation>el proceso automático</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message numerus="yes">
        <source>Corrected: %n earlier verdict(s) in the audit log</source>
        <translation>
            <numerusform>Corregido: %n veredicto anterior en el registro de auditoría</numerusform>
            <numerusform>Corregido: %n veredictos anteriores en el registro de auditoría</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>Evidencia:</translation>
    </message>
    <message>
        <source>Book for lead…</source>
        <translation>Reservar para el lead…</translation>
    </message>
    <message>
        <source>Pick one of the lead&apos;s free Cal.com slots and book it</source>
        <translation>Elija un horario libre de Cal.com para el lead y resérvelo</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Client confirmed</source>
        <translation>Confirmado por el cliente</translation>
    </message>
    <message>
        <source>Lead confirmed</source>
        <translation>Confirmado por el lead</translation>
    </message>
    <message>
        <source>Call verified</source>
        <translation>Verificado por llamada</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>No aplica</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::AuditLogView</name>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>◀ &amp;Newer</source>
        <translation>◀ Más &amp;recientes</translation>
    </message>
    <message>
        <source>&amp;Older ▶</source>
        <translation>Más &amp;antiguas ▶</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Todos los usuarios</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Todas las acciones</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Cuándo (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entidad</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Desde:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Hasta:</translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>cliente %1</translation>
    </message>
    <message>
        <source>Could not load the audit log: %1</source>
        <translation>No se pudo cargar el registro de auditoría: %1</translation>
    </message>
    <message>
        <source>No entries</source>
        <translation>Sin entradas</translation>
    </message>
    <message>
        <source>%1–%2 of %3</source>
        <translation>%1–%2 de %3</translation>
    </message>
    <message>
        <source>Select an entry to read what it changed.</source>
        <translation>Seleccione una entrada para ver qué cambió.</translation>
    </message>
    <message>
        <source>%1 by %2 on %3 %4: %5</source>
        <translation>%1 por %2 en %3 %4: %5</translation>
    </message>
    <message>
        <source>the system</source>
        <translation>el sistema</translation>
    </message>
    <message>
        <source>no field changed</source>
        <translation>ningún campo cambió</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::BackupActions</name>
    <message>
        <source>&amp;Back up now</source>
        <translation>Hacer &amp;copia ahora</translation>
    </message>
    <message>
        <source>Backup &amp;folder…</source>
        <translation>Car&amp;peta de copias…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restaurar desde copia…</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Copia de seguridad</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>Copia guardada en %1</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>La copia de seguridad falló: %1</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Carpeta de copias de seguridad</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurar desde copia de seguridad</translation>
    </message>
    <message>
        <source>Callvia backups (*.sqlite)</source>
        <translation>Copias de seguridad de Callvia (*.sqlite)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Replace the current database by %1? The current file is kept beside it, and Callvia restarts.</source>
        <translation>¿Reemplazar la base de datos actual por %1? El archivo actual se conserva a su lado y Callvia se reinicia.</translation>
    </message>
    <message>
        <source>Not restored: %1</source>
        <translation>No restaurado: %1</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::BillingView</name>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>My billing</source>
        <translation>Mi facturación</translation>
    </message>
    <message>
        <source>Invoice status</source>
        <translation>Estado de la factura</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Invoices created in</source>
        <translation>Facturas creadas en</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Todo el periodo</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Mes pasado</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>Últimos 3 meses</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Cliente:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Estado:</translation>
    </message>
    <message>
        <source>&amp;Created:</source>
        <translation>C&amp;readas:</translation>
    </message>
    <message>
        <source>Dates in %1</source>
        <translation>Fechas en %1</translation>
    </message>
    <message>
        <source>This client</source>
        <translation>Este cliente</translation>
    </message>
    <message>
        <source>Toward the next milestone</source>
        <translation>Hacia el próximo hito</translation>
    </message>
    <message>
        <source>Shows toward the next milestone</source>
        <translation>Asistencias hacia el próximo hito</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>Hito</translation>
    </message>
    <message>
        <source>Shows still shown</source>
        <translation>Asistencias que siguen vigentes</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Alcanzado</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Marca</translation>
    </message>
    <message>
        <source>Clear flag…</source>
        <translation>Quitar marca…</translation>
    </message>
    <message>
        <source>After issuing the credit note in Stripe: clear the flag, with a note for the audit log</source>
        <translation>Tras emitir la nota de crédito en Stripe: quite la marca, con una nota para el registro de auditoría</translation>
    </message>
    <message>
        <source>&lt;b&gt;Milestones&lt;/b&gt;</source>
        <translation>&lt;b&gt;Hitos&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagada</translation>
    </message>
    <message>
        <source>Stripe</source>
        <translation>Stripe</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>Retry failed invoice</source>
        <translation>Reintentar factura fallida</translation>
    </message>
    <message>
        <source>Send the failed Stripe request of this invoice again; the invoice then continues</source>
        <translation>Enviar de nuevo la solicitud fallida a Stripe de esta factura; después la factura continúa</translation>
    </message>
    <message>
        <source>&lt;b&gt;Invoices&lt;/b&gt;</source>
        <translation>&lt;b&gt;Facturas&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Client %1</source>
        <translation>Cliente %1</translation>
    </message>
    <message>
        <source>%1 of %2 shows</source>
        <translation>%1 de %2 asistencias</translation>
    </message>
    <message>
        <source>Toward milestone %1 (%2)</source>
        <translation>Hacia el hito %1 (%2)</translation>
    </message>
    <message>
        <source>Milestones so far: %1</source>
        <translation>Hitos hasta ahora: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln llamada</numerusform>
            <numerusform>%Ln llamadas</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Call minutes this month&lt;/b&gt;&lt;br&gt;%1 in %2&lt;br&gt;%3 min, %4&lt;br&gt;&lt;b&gt;%5&lt;/b&gt; so far at %6/min</source>
        <translation>&lt;b&gt;Minutos de llamada este mes&lt;/b&gt;&lt;br&gt;%1 en %2&lt;br&gt;%3 min, %4&lt;br&gt;&lt;b&gt;%5&lt;/b&gt; hasta ahora a %6/min</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stripe customer:&lt;/b&gt; none yet (created with the first invoice from the billing e-mail %1)</source>
        <translation>&lt;b&gt;Cliente de Stripe:&lt;/b&gt; aún ninguno (se crea con la primera factura al correo de facturación %1)</translation>
    </message>
    <message>
        <source>— not set</source>
        <translation>— sin definir</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stripe customer:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Cliente de Stripe:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Payment method:&lt;/b&gt; not known to Callvia (see the customer in Stripe)</source>
        <translation>&lt;b&gt;Método de pago:&lt;/b&gt; Callvia no lo conoce (consulte el cliente en Stripe)</translation>
    </message>
    <message>
        <source>Billing e-mail: %1</source>
        <translation>Correo de facturación: %1</translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
    <message>
        <source>Milestone %1</source>
        <translation>Hito %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Credit note needed</source>
        <translation>Se necesita nota de crédito</translation>
    </message>
    <message>
        <source>&lt;b&gt;Milestone %1%2: credit note needed&lt;/b&gt; (flagged %3). %4</source>
        <translation>&lt;b&gt;Hito %1%2: se necesita nota de crédito&lt;/b&gt; (marcado %3). %4</translation>
    </message>
    <message>
        <source>Call minutes</source>
        <translation>Minutos de llamada</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>Failed at Stripe (%1 step)</source>
        <translation>Falló en Stripe (paso %1)</translation>
    </message>
    <message>
        <source>Held: %1</source>
        <translation>Retenida: %1</translation>
    </message>
    <message>
        <source>%1, sending to Stripe (%2 step)</source>
        <translation>%1, enviándose a Stripe (paso %2)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Invoice page</source>
        <translation>Ver factura</translation>
    </message>
    <message>
        <source>Could not read billing: %1</source>
        <translation>No se pudo leer la facturación: %1</translation>
    </message>
    <message>
        <source>No invoices match this status and period. Choose &quot;Any status&quot; and &quot;All time&quot; to see every invoice.</source>
        <translation>Ninguna factura coincide con este estado y periodo. Elija «Cualquier estado» y «Todo el periodo» para ver todas las facturas.</translation>
    </message>
    <message>
        <source>No invoices yet. A milestone invoice is raised each time %1 shown appointments are verified, and a usage invoice on the first day of each month for the month before. Give the client a billing e-mail (Clients) so Stripe can send them.</source>
        <translation>Aún no hay facturas. Se emite una factura de hito cada vez que se verifican %1 citas con asistencia, y una factura de uso el primer día de cada mes por el mes anterior. Indique un correo de facturación del cliente (Clientes) para que Stripe pueda enviarlas.</translation>
    </message>
    <message>
        <source>Choose a client to see its progress.</source>
        <translation>Elija un cliente para ver su progreso.</translation>
    </message>
    <message>
        <source>Clear the credit note flag</source>
        <translation>Quitar la marca de nota de crédito</translation>
    </message>
    <message>
        <source>Note for the audit log (e.g. the credit note&apos;s number):</source>
        <translation>Nota para el registro de auditoría (p. ej., el número de la nota de crédito):</translation>
    </message>
    <message>
        <source>A note is required.</source>
        <translation>Se requiere una nota.</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Facturación</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Anulada</translation>
    </message>
    <message>
        <source>Uncollectible</source>
        <translation>Incobrable</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Retenida</translation>
    </message>
    <message>
        <source>Invoiced</source>
        <translation>Facturado</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::BookForLeadDialog</name>
    <message>
        <source>Book for lead</source>
        <translation>Reservar para el lead</translation>
    </message>
    <message>
        <source>Book this slot</source>
        <translation>Reservar este horario</translation>
    </message>
    <message>
        <source>Loading the lead&apos;s free slots from Cal.com…</source>
        <translation>Cargando los horarios libres del lead desde Cal.com…</translation>
    </message>
    <message>
        <source>Cannot book this lead: %1</source>
        <translation>No se puede reservar para este lead: %1</translation>
    </message>
    <message>
        <source>Could not load slots: %1</source>
        <translation>No se pudieron cargar los horarios: %1</translation>
    </message>
    <message>
        <source>Cal.com has no free slot for %1 in the next 14 days.</source>
        <translation>Cal.com no tiene ningún horario libre para %1 en los próximos 14 días.</translation>
    </message>
    <message>
        <source>Free slots for %1, in the lead&apos;s time zone (%2):</source>
        <translation>Horarios libres para %1, en la zona horaria del lead (%2):</translation>
    </message>
    <message>
        <source>Booking %1…</source>
        <translation>Reservando %1…</translation>
    </message>
    <message>
        <source>Booked (Cal.com booking %1). The appointment appears when Cal.com&apos;s webhook arrives.</source>
        <translation>Reservado (reserva de Cal.com %1). La cita aparecerá cuando llegue el webhook de Cal.com.</translation>
    </message>
    <message>
        <source>Booking failed: %1</source>
        <translation>La reserva falló: %1</translation>
    </message>
    <message>
        <source>The audit entry could not be written: %1</source>
        <translation>No se pudo escribir la entrada de auditoría: %1</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::CallingSettingsForm</name>
    <message>
        <source>Sales or appointment setting (telemarketing)</source>
        <translation>Ventas o concertación de citas (telemarketing)</translation>
    </message>
    <message>
        <source>Local time of the lead; state rules narrow it further. Never before 08:00.</source>
        <translation>Hora local del lead; las normas estatales la restringen aún más. Nunca antes de las 08:00.</translation>
    </message>
    <message>
        <source>Local time of the lead; never after 21:00.</source>
        <translation>Hora local del lead; nunca después de las 21:00.</translation>
    </message>
    <message>
        <source>Written (sales, appointment setting)</source>
        <translation>Por escrito (ventas, concertación de citas)</translation>
    </message>
    <message>
        <source>Express (written or verbal)</source>
        <translation>Expreso (por escrito o verbal)</translation>
    </message>
    <message>
        <source>Calling &amp;days:</source>
        <translation>&amp;Días de llamada:</translation>
    </message>
    <message>
        <source>Calling &amp;window:</source>
        <translation>&amp;Franja de llamada:</translation>
    </message>
    <message>
        <source>Max &amp;concurrent calls:</source>
        <translation>Máx. llamadas &amp;simultáneas:</translation>
    </message>
    <message>
        <source>Calls per &amp;minute:</source>
        <translation>Llamadas por &amp;minuto:</translation>
    </message>
    <message>
        <source>Max &amp;attempts per lead:</source>
        <translation>Máx. &amp;intentos por lead:</translation>
    </message>
    <message>
        <source>Retry after no answer:</source>
        <translation>Reintentar tras no contestar:</translation>
    </message>
    <message>
        <source>Retry after voicemail:</source>
        <translation>Reintentar tras buzón de voz:</translation>
    </message>
    <message>
        <source>Retry after busy:</source>
        <translation>Reintentar tras ocupado:</translation>
    </message>
    <message>
        <source>Retry after failed call:</source>
        <translation>Reintentar tras llamada fallida:</translation>
    </message>
    <message>
        <source>Callable &amp;statuses:</source>
        <translation>&amp;Estados llamables:</translation>
    </message>
    <message>
        <source>Consent &amp;required:</source>
        <translation>&amp;Consentimiento requerido:</translation>
    </message>
    <message>
        <source>National DNC s&amp;napshot:</source>
        <translation>Ins&amp;tantánea DNC nacional:</translation>
    </message>
    <message>
        <source>National DNC snapshot date: &quot;%1&quot; is not a date (YYYY-MM-DD).</source>
        <translation>Fecha de la instantánea DNC nacional: «%1» no es una fecha (AAAA-MM-DD).</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contactado</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Devolver llamada</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Reservado</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Asistió</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No asistió</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::CampaignDialog</name>
    <message>
        <source>Edit campaign</source>
        <translation>Editar campaña</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <source>Two-letter region used for phone numbers written without a country code</source>
        <translation>Región de dos letras para los números de teléfono escritos sin prefijo de país</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Cliente:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Descripción:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Estado:</translation>
    </message>
    <message>
        <source>Default &amp;region:</source>
        <translation>&amp;Región predeterminada:</translation>
    </message>
    <message>
        <source>Retell &amp;agent id:</source>
        <translation>ID de &amp;agente de Retell:</translation>
    </message>
    <message>
        <source>Caller &amp;number:</source>
        <translation>Número de lla&amp;mada:</translation>
    </message>
    <message>
        <source>Daily call &amp;limit:</source>
        <translation>&amp;Límite diario de llamadas:</translation>
    </message>
    <message>
        <source>Client: choose the client this campaign works for (create one first).</source>
        <translation>Cliente: elija el cliente para el que trabaja esta campaña (cree uno primero).</translation>
    </message>
    <message>
        <source>Name: a campaign needs a name.</source>
        <translation>Nombre: una campaña necesita un nombre.</translation>
    </message>
    <message>
        <source>Name: at most 120 characters.</source>
        <translation>Nombre: 120 caracteres como máximo.</translation>
    </message>
    <message>
        <source>Default region: &quot;%1&quot; is not a two-letter country code such as US or GB.</source>
        <translation>Región predeterminada: «%1» no es un código de país de dos letras como US o GB.</translation>
    </message>
    <message>
        <source>Caller number: write it in E.164 form, such as +14155550100.</source>
        <translation>Número de llamada: escríbalo en formato E.164, p. ej., +14155550100.</translation>
    </message>
    <message>
        <source>Retell agent id: an id has no spaces.</source>
        <translation>ID de agente de Retell: un ID no contiene espacios.</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Calling</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivada</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::CampaignsView</name>
    <message>
        <source>Show archived</source>
        <translation>Mostrar archivadas</translation>
    </message>
    <message>
        <source>&amp;New campaign…</source>
        <translation>&amp;Nueva campaña…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivar</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Could not load campaigns: %1</source>
        <translation>No se pudieron cargar las campañas: %1</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <source>Create a client first: every campaign belongs to one.</source>
        <translation>Cree primero un cliente: cada campaña pertenece a uno.</translation>
    </message>
    <message>
        <source>Name: this client already has a campaign with that name.</source>
        <translation>Nombre: este cliente ya tiene una campaña con ese nombre.</translation>
    </message>
    <message>
        <source>Edit campaign</source>
        <translation>Editar campaña</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Archive campaign</source>
        <translation>Archivar campaña</translation>
    </message>
    <message>
        <source>Archive %1? It stops calling; its leads and history are kept.</source>
        <translation>¿Archivar %1? Deja de llamar; se conservan sus leads y su historial.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Cambiar contraseña</translation>
    </message>
    <message>
        <source>An administrator reset your password. Choose a new one.</source>
        <translation>Un administrador restableció su contraseña. Elija una nueva.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Contraseña actual</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nueva contraseña</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>Repetir nueva contraseña</translation>
    </message>
    <message>
        <source>Repeat new password: the two passwords differ.</source>
        <translation>Repetir nueva contraseña: las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ClientDialog</name>
    <message>
        <source>Edit client</source>
        <translation>Editar cliente</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <source> ¢ per minute</source>
        <translation> ¢ por minuto</translation>
    </message>
    <message>
        <source> shown appointments</source>
        <translation> citas con asistencia</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>Contact &amp;e-mail:</source>
        <translation>&amp;Correo de contacto:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>&amp;Stripe customer id:</source>
        <translation>ID de cliente de &amp;Stripe:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zona horaria:</translation>
    </message>
    <message>
        <source>Per-minute &amp;rate:</source>
        <translation>Tarifa por &amp;minuto:</translation>
    </message>
    <message>
        <source>Milestone &amp;size:</source>
        <translation>Tamaño del &amp;hito:</translation>
    </message>
    <message>
        <source>Milestone &amp;amount ($):</source>
        <translation>&amp;Importe del hito ($):</translation>
    </message>
    <message>
        <source>Retell agent ids</source>
        <translation>ID de agentes de Retell</translation>
    </message>
    <message>
        <source>Retell phone numbers</source>
        <translation>Números de teléfono de Retell</translation>
    </message>
    <message>
        <source>Cal.com event type ids</source>
        <translation>ID de tipos de evento de Cal.com</translation>
    </message>
    <message>
        <source>Cal.com organizers</source>
        <translation>Organizadores de Cal.com</translation>
    </message>
    <message>
        <source>e-mail or username</source>
        <translation>correo o nombre de usuario</translation>
    </message>
    <message>
        <source>MessageBird numbers</source>
        <translation>Números de MessageBird</translation>
    </message>
    <message>
        <source>Separate several with commas. Webhook events carrying one of these belong to this client; events that match no client change nothing.</source>
        <translation>Separe varios con comas. Los eventos de webhook que lleven uno de estos valores pertenecen a este cliente; los que no coinciden con ningún cliente no cambian nada.</translation>
    </message>
    <message>
        <source>Only an administrator may change billing terms.</source>
        <translation>Solo un administrador puede cambiar las condiciones de facturación.</translation>
    </message>
    <message>
        <source>Name: a client needs a name.</source>
        <translation>Nombre: un cliente necesita un nombre.</translation>
    </message>
    <message>
        <source>Contact e-mail: &quot;%1&quot; is not an e-mail address.</source>
        <translation>Correo de contacto: «%1» no es una dirección de correo.</translation>
    </message>
    <message>
        <source>Stripe customer id: it starts with &quot;cus_&quot;.</source>
        <translation>ID de cliente de Stripe: empieza por «cus_».</translation>
    </message>
    <message>
        <source>Time zone: &quot;%1&quot; is not an IANA time zone such as America/New_York.</source>
        <translation>Zona horaria: «%1» no es una zona horaria IANA como Europe/Madrid.</translation>
    </message>
    <message>
        <source>Milestone amount: enter dollars and cents, such as 2000 or 2000.00.</source>
        <translation>Importe del hito: indique dólares y centavos, p. ej., 2000 o 2000.00.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ClientsView</name>
    <message>
        <source>Show archived</source>
        <translation>Mostrar archivadas</translation>
    </message>
    <message>
        <source>&amp;New client…</source>
        <translation>&amp;Nuevo cliente…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Archivar</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Could not load clients: %1</source>
        <translation>No se pudieron cargar los clientes: %1</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>Name or Stripe customer id: another client already uses it.</source>
        <translation>Nombre o ID de cliente de Stripe: otro cliente ya lo usa.</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <source>Edit client</source>
        <translation>Editar cliente</translation>
    </message>
    <message>
        <source>Name, Stripe customer id or a provider id: another client already uses it. %1</source>
        <translation>Nombre, ID de cliente de Stripe o un ID de proveedor: otro cliente ya lo usa. %1</translation>
    </message>
    <message>
        <source>Archive client</source>
        <translation>Archivar cliente</translation>
    </message>
    <message>
        <source>Archive %1? Its campaigns stop showing in lists; nothing is deleted.</source>
        <translation>¿Archivar %1? Sus campañas dejan de aparecer en las listas; no se elimina nada.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DashboardView</name>
    <message>
        <source>%1 vs previous period</source>
        <translation>%1 frente al periodo anterior</translation>
    </message>
    <message>
        <source>no comparison</source>
        <translation>sin comparación</translation>
    </message>
    <message>
        <source>%1%2 pts vs previous period</source>
        <translation>%1%2 pts frente al periodo anterior</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Mes pasado</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <source>Leads added</source>
        <translation>Leads añadidos</translation>
    </message>
    <message>
        <source>Calls placed</source>
        <translation>Llamadas realizadas</translation>
    </message>
    <message>
        <source>Connect rate</source>
        <translation>Tasa de contacto</translation>
    </message>
    <message>
        <source>Appointments booked</source>
        <translation>Citas reservadas</translation>
    </message>
    <message>
        <source>Show rate</source>
        <translation>Tasa de asistencia</translation>
    </message>
    <message>
        <source>Revenue invoiced</source>
        <translation>Ingresos facturados</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Could not read the figures: %1</source>
        <translation>No se pudieron leer las cifras: %1</translation>
    </message>
    <message>
        <source>%1 to %2 (%3)</source>
        <translation>%1 a %2 (%3)</translation>
    </message>
    <message>
        <source>%1 shown, %2 no-show; </source>
        <translation>%1 asistieron, %2 no asistieron; </translation>
    </message>
    <message>
        <source>paid in the period: %1; %2%3 vs previous period</source>
        <translation>pagado en el periodo: %1; %2%3 frente al periodo anterior</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Calls and appointments booked per day</source>
        <translation>Llamadas y citas reservadas por día</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Funnel of the leads added in the period</source>
        <translation>Embudo de los leads añadidos en el periodo</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Asistieron</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Reservados</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contactados</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevos</translation>
    </message>
    <message>
        <source>Open the matching list</source>
        <translation>Abrir la lista correspondiente</translation>
    </message>
    <message>
        <source>Leads called</source>
        <translation>Leads llamados</translation>
    </message>
    <message>
        <source>Shown appointments</source>
        <translation>Citas asistidas</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DialerLivePanel</name>
    <message>
        <source>Start dialing</source>
        <translation>Iniciar marcación</translation>
    </message>
    <message>
        <source>Pause dialing</source>
        <translation>Pausar marcación</translation>
    </message>
    <message>
        <source>Stop dialing</source>
        <translation>Detener marcación</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Next look</source>
        <translation>Próxima revisión</translation>
    </message>
    <message>
        <source>Reason at the last look</source>
        <translation>Motivo en la última revisión</translation>
    </message>
    <message>
        <source>Dialer</source>
        <translation>Marcador</translation>
    </message>
    <message>
        <source>Calls in progress</source>
        <translation>Llamadas en curso</translation>
    </message>
    <message>
        <source>Placed today</source>
        <translation>Realizadas hoy</translation>
    </message>
    <message>
        <source>Connect rate</source>
        <translation>Tasa de conexión</translation>
    </message>
    <message>
        <source>Bookings today</source>
        <translation>Reservas hoy</translation>
    </message>
    <message>
        <source>Next in line (select a lead to see why it is not callable now):</source>
        <translation>Siguientes en la cola (seleccione un lead para ver por qué no se puede llamar ahora):</translation>
    </message>
    <message>
        <source>Select a campaign to see its dialer.</source>
        <translation>Seleccione una campaña para ver su marcador.</translation>
    </message>
    <message>
        <source>Could not read the dialer: %1</source>
        <translation>No se pudo leer el marcador: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dialing&lt;/b&gt; since %1</source>
        <translation>&lt;b&gt;Marcando&lt;/b&gt; desde %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused&lt;/b&gt;</source>
        <translation>&lt;b&gt;En pausa&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;En pausa:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stopped&lt;/b&gt;</source>
        <translation>&lt;b&gt;Detenido&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Lead %1</source>
        <translation>Lead %1</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>pendiente ahora</translation>
    </message>
    <message>
        <source>not looked at yet</source>
        <translation>aún no revisado</translation>
    </message>
    <message>
        <source>Could not check %1: %2</source>
        <translation>No se pudo comprobar %1: %2</translation>
    </message>
    <message>
        <source>%1 is callable now.</source>
        <translation>%1 se puede llamar ahora.</translation>
    </message>
    <message>
        <source>%1 is not callable now: %2. Callable from %3.</source>
        <translation>%1 no se puede llamar ahora: %2. Se puede llamar desde %3.</translation>
    </message>
    <message>
        <source>%1 is not callable: %2.</source>
        <translation>%1 no se puede llamar: %2.</translation>
    </message>
    <message>
        <source>Abandoned, 30 days</source>
        <translation>Abandonadas, 30 días</translation>
    </message>
    <message>
        <source>Calls a person answered that the agent dropped before speaking, against all live answers of the campaign in the last 30 days. Above 3 % the dialer pauses.</source>
        <translation>Llamadas que una persona contestó y que el agente perdió antes de hablar, frente a todas las llamadas contestadas por personas de la campaña en los últimos 30 días. Por encima del 3 % el marcador se pausa.</translation>
    </message>
    <message>
        <source>%1 of %2 live answers abandoned in the last 30 days. Above 3 % the dialer pauses.</source>
        <translation>%1 de %2 llamadas contestadas por personas abandonadas en los últimos 30 días. Por encima del 3 % el marcador se pausa.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DncBox</name>
    <message>
        <source>SMS reply (STOP)</source>
        <translation>Respuesta SMS (STOP)</translation>
    </message>
    <message>
        <source>Call (asked not to be called)</source>
        <translation>Llamada (pidió no ser llamado)</translation>
    </message>
    <message>
        <source>E-mail unsubscribe</source>
        <translation>Baja por correo electrónico</translation>
    </message>
    <message>
        <source>Imported list</source>
        <translation>Lista importada</translation>
    </message>
    <message>
        <source>Added by hand</source>
        <translation>Añadido a mano</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <source>erased, hash %1…</source>
        <translation>borrado, hash %1…</translation>
    </message>
    <message>
        <source>Search phone, e-mail or reason</source>
        <translation>Buscar teléfono, correo o motivo</translation>
    </message>
    <message>
        <source>Show removed entries</source>
        <translation>Mostrar entradas retiradas</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Teléfono o correo</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Added (UTC)</source>
        <translation>Añadido (UTC)</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Añadir…</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importar CSV…</translation>
    </message>
    <message>
        <source>Remove (added by mistake)…</source>
        <translation>Retirar (añadido por error)…</translation>
    </message>
    <message>
        <source>Only entries a person added or imported; the entry is kept, marked removed, and the audit log records who and why. A contact&apos;s own opt-out cannot be removed.</source>
        <translation>Solo entradas que una persona añadió o importó; la entrada se conserva marcada como retirada y el registro de auditoría guarda quién y por qué. La baja propia de un contacto no se puede retirar.</translation>
    </message>
    <message>
        <source>Every entry blocks calls, texts or e-mail at once and is kept at least five years. An erased lead&apos;s entries keep only a hash of the number or address.</source>
        <translation>Cada entrada bloquea llamadas, SMS o correos al instante y se conserva al menos cinco años. Las entradas de un lead borrado conservan solo un hash del número o la dirección.</translation>
    </message>
    <message>
        <source>Import do-not-call list</source>
        <translation>Importar lista de no llamar</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation>Archivos CSV (*.csv *.txt)</translation>
    </message>
    <message>
        <source>Do-not-call import</source>
        <translation>Importación de no llamar</translation>
    </message>
    <message>
        <source>blocking</source>
        <translation>bloquea</translation>
    </message>
    <message>
        <source>removed %1 by %2: %3</source>
        <translation>retirada %1 por %2: %3</translation>
    </message>
    <message>
        <source>blocking (lead erased)</source>
        <translation>bloquea (lead borrado)</translation>
    </message>
    <message>
        <source>all clients</source>
        <translation>todos los clientes</translation>
    </message>
    <message>
        <source>%1 of %2 entries</source>
        <translation>%1 de %2 entradas</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln entrada</numerusform>
            <numerusform>%Ln entradas</numerusform>
        </translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>cliente %1</translation>
    </message>
    <message>
        <source>Added to the do-not-call list.</source>
        <translation>Añadido a la lista de no llamar.</translation>
    </message>
    <message>
        <source>Already on the do-not-call list.</source>
        <translation>Ya está en la lista de no llamar.</translation>
    </message>
    <message>
        <source>Entry marked removed; it no longer blocks and stays on record.</source>
        <translation>Entrada marcada como retirada; ya no bloquea y queda registrada.</translation>
    </message>
    <message>
        <source>Select an entry first.</source>
        <translation>Seleccione primero una entrada.</translation>
    </message>
    <message>
        <source>Remove do-not-call entry</source>
        <translation>Retirar entrada de no llamar</translation>
    </message>
    <message>
        <source>Why was this entry added by mistake? (kept in the audit log)</source>
        <translation>¿Por qué se añadió esta entrada por error? (se guarda en el registro de auditoría)</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>The entries apply to:</source>
        <translation>Las entradas se aplican a:</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importando %1…</translation>
    </message>
    <message>
        <source>Importing… %1 rows read</source>
        <translation>Importando… %1 filas leídas</translation>
    </message>
    <message>
        <source>%1 rows read: %2 added, %3 already on the list, %4 rejected.</source>
        <translation>%1 filas leídas: %2 añadidas, %3 ya en la lista, %4 rechazadas.</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>La importación falló: %1</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Fila %1: %2</translation>
    </message>
    <message>
        <source>Row %1, %2: %3</source>
        <translation>Fila %1, %2: %3</translation>
    </message>
    <message>
        <source>The good rows were kept. Rejected rows:</source>
        <translation>Las filas correctas se conservaron. Filas rechazadas:</translation>
    </message>
    <message>
        <source>
… and %1 more (see the details)</source>
        <translation>
… y %1 más (vea los detalles)</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DncEntryDialog</name>
    <message>
        <source>Add to the do-not-call list</source>
        <translation>Añadir a la lista de no llamar</translation>
    </message>
    <message>
        <source>e.g. (415) 555-0134 or +44 20 7946 0958</source>
        <translation>p. ej. (415) 555-0134 o +44 20 7946 0958</translation>
    </message>
    <message>
        <source>e.g. asked by phone on 3 March</source>
        <translation>p. ej. lo pidió por teléfono el 3 de marzo</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>client %1</source>
        <translation>cliente %1</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Teléfono:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>Correo electrónico:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <source>Applies to:</source>
        <translation>Se aplica a:</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::DurationSpinBox</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>min|minute|minutes</source>
        <comment>units a duration may be typed in, lower case, | between</comment>
        <translation>min|minuto|minutos</translation>
    </message>
    <message>
        <source>h|hour|hours</source>
        <comment>units a duration may be typed in, lower case, | between</comment>
        <translation>h|hora|horas</translation>
    </message>
    <message>
        <source>d|day|days</source>
        <comment>units a duration may be typed in, lower case, | between</comment>
        <translation>d|día|días|dia|dias</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::EventsBox</name>
    <message>
        <source>&amp;Replay</source>
        <translation>Re&amp;procesar</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Unattributed (no client)</source>
        <translation>Sin asignar (sin cliente)</translation>
    </message>
    <message>
        <source>Unattributed events carry no id mapped to a client (Retell agent or number, Cal.com event type or organizer, MessageBird number): they were stored and changed nothing. Add the id to the client, then replay the event.</source>
        <translation>Los eventos sin asignar no llevan ningún ID vinculado a un cliente (agente o número de Retell, tipo de evento u organizador de Cal.com, número de MessageBird): se guardaron y no cambiaron nada. Añada el ID al cliente y luego reprocese el evento.</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <source>Queued again.</source>
        <translation>Puesto de nuevo en cola.</translation>
    </message>
    <message>
        <source>Could not load events: %1</source>
        <translation>No se pudieron cargar los eventos: %1</translation>
    </message>
    <message>
        <source>Select an event first.</source>
        <translation>Seleccione primero un evento.</translation>
    </message>
    <message>
        <source>Webhook journal (latest 500 matching)</source>
        <translation>Registro de webhooks (últimos 500 que coinciden)</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>Todos los proveedores</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Aplicados</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignorados</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Cualquier momento</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Select an event to see its raw body.</source>
        <translation>Seleccione un evento para ver su cuerpo original.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n evento</numerusform>
            <numerusform>%n eventos</numerusform>
        </translation>
    </message>
    <message>
        <source>X-Retell-Signature, HMAC-SHA256 with the API key, timestamp within 5 minutes</source>
        <translation>X-Retell-Signature, HMAC-SHA256 con la clave de API, marca de tiempo dentro de 5 minutos</translation>
    </message>
    <message>
        <source>X-Cal-Signature-256, HMAC-SHA256 with the webhook secret</source>
        <translation>X-Cal-Signature-256, HMAC-SHA256 con el secreto del webhook</translation>
    </message>
    <message>
        <source>Stripe-Signature, HMAC-SHA256 with the signing secret, timestamp within 5 minutes</source>
        <translation>Stripe-Signature, HMAC-SHA256 con el secreto de firma, marca de tiempo dentro de 5 minutos</translation>
    </message>
    <message>
        <source>SendGrid signed event webhook, ECDSA P-256 with the verification key</source>
        <translation>Webhook de eventos firmado de SendGrid, ECDSA P-256 con la clave de verificación</translation>
    </message>
    <message>
        <source>MessageBird-Signature-JWT, HMAC with the signing key over the URL and body</source>
        <translation>MessageBird-Signature-JWT, HMAC con la clave de firma sobre la URL y el cuerpo</translation>
    </message>
    <message>
        <source>Could not read event: %1</source>
        <translation>No se pudo leer el evento: %1</translation>
    </message>
    <message>
        <source>unattributed</source>
        <translation>sin asignar</translation>
    </message>
    <message>
        <source>Event %1 · %2 · %3 · %4</source>
        <translation>Evento %1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Received %1 UTC · %2 · attempts: %3</source>
        <translation>Recibido %1 UTC · %2 · intentos: %3</translation>
    </message>
    <message>
        <source>Signature: verified on receipt (%1). A request whose signature fails is answered 401 and never stored.</source>
        <translation>Firma: verificada al recibir (%1). Una petición cuya firma falla se responde con 401 y nunca se guarda.</translation>
    </message>
    <message>
        <source>Processing error: none</source>
        <translation>Error de procesamiento: ninguno</translation>
    </message>
    <message>
        <source>Processing error: %1</source>
        <translation>Error de procesamiento: %1</translation>
    </message>
    <message>
        <source>… (%1 bytes in all; the first %2 shown)</source>
        <translation>… (%1 bytes en total; se muestran los primeros %2)</translation>
    </message>
    <message>
        <source>Only administrators can replay events.</source>
        <translation>Solo los administradores pueden reprocesar eventos.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ImportController</name>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Import leads from a CSV file into the selected campaign</source>
        <translation>Importar leads de un archivo CSV a la campaña seleccionada</translation>
    </message>
    <message>
        <source>Import leads</source>
        <translation>Importar leads</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Archivos CSV (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Importing leads…</source>
        <translation>Importando leads…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>saving to the database</source>
        <translation>guardando en la base de datos</translation>
    </message>
    <message>
        <source>estimating time left</source>
        <translation>estimando el tiempo restante</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>quedan unos %1 s</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) · %1 rows/s · %2</source>
        <translation>
            <numerusform>%Ln fila · %1 filas/s · %2</numerusform>
            <numerusform>%Ln filas · %1 filas/s · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ImportDialog</name>
    <message>
        <source>Keep unmapped columns as custom fields</source>
        <translation>Conservar las columnas sin asignar como campos personalizados</translation>
    </message>
    <message>
        <source>Import leads into %1</source>
        <translation>Importar leads en %1</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Detectar</translation>
    </message>
    <message>
        <source>Comma</source>
        <translation>Coma</translation>
    </message>
    <message>
        <source>Semicolon</source>
        <translation>Punto y coma</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulador</translation>
    </message>
    <message>
        <source>Skip duplicates</source>
        <translation>Omitir duplicados</translation>
    </message>
    <message>
        <source>Update existing leads</source>
        <translation>Actualizar los leads existentes</translation>
    </message>
    <message>
        <source>Keep what was imported</source>
        <translation>Conservar lo importado</translation>
    </message>
    <message>
        <source>Import nothing</source>
        <translation>No importar nada</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <source>Maps to</source>
        <translation>Se asigna a</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>Primer valor</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Codificación:</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>Delimitador:</translation>
    </message>
    <message>
        <source>Region for national numbers:</source>
        <translation>Región para números nacionales:</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>Duplicados:</translation>
    </message>
    <message>
        <source>On cancel:</source>
        <translation>Al cancelar:</translation>
    </message>
    <message>
        <source>First rows:</source>
        <translation>Primeras filas:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>The file has no header row.</source>
        <translation>El archivo no tiene fila de encabezado.</translation>
    </message>
    <message>
        <source>No usable columns: map a column to Phone or E-mail.</source>
        <translation>No hay columnas utilizables: asigne una columna a Teléfono o Correo.</translation>
    </message>
    <message>
        <source>Region: enter a two-letter country code such as US.</source>
        <translation>Región: indique un código de país de dos letras como ES.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ImportSummaryDialog</name>
    <message>
        <source>Save rejected rows…</source>
        <translation>Guardar filas rechazadas…</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Importación terminada</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Importación fallida</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>Guardar filas rechazadas</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Cancelado: no se importó nada.</translation>
    </message>
    <message>
        <source>Cancelled: the rows below were imported before the cancel.</source>
        <translation>Cancelado: las filas siguientes se importaron antes de cancelar.</translation>
    </message>
    <message>
        <source>Rows read: %1</source>
        <translation>Filas leídas: %1</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>Importadas: %1</translation>
    </message>
    <message>
        <source>Updated: %1</source>
        <translation>Actualizadas: %1</translation>
    </message>
    <message>
        <source>Duplicates skipped: %1 in the file, %2 already in the client&apos;s leads</source>
        <translation>Duplicados omitidos: %1 en el archivo, %2 ya entre los leads del cliente</translation>
    </message>
    <message>
        <source>Marked do-not-contact (opt-out list): %1</source>
        <translation>Marcadas como «no contactar» (lista de exclusión): %1</translation>
    </message>
    <message>
        <source>Kept but flagged, area code not in this build&apos;s phone data (zone from the row or the client): %1</source>
        <translation>Conservadas pero marcadas, prefijo de zona no incluido en los datos telefónicos de esta versión (zona de la fila o del cliente): %1</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Rechazadas: %1</translation>
    </message>
    <message>
        <source>Time: %1 s</source>
        <translation>Tiempo: %1 s</translation>
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
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Apellidos:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>Any format, e.g. (415) 555-0134</source>
        <translation>Cualquier formato, p. ej. (415) 555-0134</translation>
    </message>
    <message>
        <source>E&amp;xtension:</source>
        <translation>E&amp;xtensión:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>Compan&amp;y:</source>
        <translation>Em&amp;presa:</translation>
    </message>
    <message>
        <source>Campaign %1</source>
        <translation>Campaña %1</translation>
    </message>
    <message>
        <source>C&amp;ampaign:</source>
        <translation>Ca&amp;mpaña:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>E&amp;stado:</translation>
    </message>
    <message>
        <source>Call &amp;back at:</source>
        <translation>&amp;Devolver la llamada el:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zona horaria:</translation>
    </message>
    <message>
        <source>IANA name, e.g. America/Chicago</source>
        <translation>Nombre IANA, p. ej. America/Chicago</translation>
    </message>
    <message>
        <source>State/&amp;region:</source>
        <translation>Estado/re&amp;gión:</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Por escrito</translation>
    </message>
    <message>
        <source>Verbal</source>
        <translation>Verbal</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Co&amp;nsent:</source>
        <translation>Consent&amp;imiento:</translation>
    </message>
    <message>
        <source>Consent so&amp;urce:</source>
        <translation>O&amp;rigen del consentimiento:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otas:</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Historial de estados</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>No se pudo leer el historial: %1</translation>
    </message>
    <message>
        <source>%1: %2 → %3 by %4</source>
        <translation>%1: %2 → %3 por %4</translation>
    </message>
    <message>
        <source>No status change recorded yet.</source>
        <translation>Aún no hay cambios de estado registrados.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::LeadPickerDialog</name>
    <message>
        <source>Link to lead</source>
        <translation>Vincular con lead</translation>
    </message>
    <message>
        <source>Name, e-mail or phone in any format</source>
        <translation>Nombre, correo o teléfono en cualquier formato</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>&amp;Find a lead of this booking&apos;s client:</source>
        <translation>&amp;Buscar un lead del cliente de esta reserva:</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Vincular</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>Could not search the leads: %1</source>
        <translation>No se pudieron buscar los leads: %1</translation>
    </message>
    <message>
        <source>No lead of this client matches.</source>
        <translation>Ningún lead de este cliente coincide.</translation>
    </message>
    <message>
        <source>The first %1 matches; type more to narrow them.</source>
        <translation>Las primeras %1 coincidencias; escriba más para acotarlas.</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) match.</source>
        <translation>
            <numerusform>%n lead coincide.</numerusform>
            <numerusform>%n leads coinciden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::LeadsView</name>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Todas las campañas</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Search: name, phone in any format, or e-mail</source>
        <translation>Buscar: nombre, teléfono en cualquier formato o correo</translation>
    </message>
    <message>
        <source>Search leads</source>
        <translation>Buscar leads</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>Campaña:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
    <message>
        <source>Select a lead to see its calls, appointments and messages.</source>
        <translation>Seleccione un lead para ver sus llamadas, citas y mensajes.</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Empieza</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Veredicto</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Citas</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Could not read the leads: %1</source>
        <translation>No se pudieron leer los leads: %1</translation>
    </message>
    <message>
        <source>No leads yet: import a CSV from Campaigns.</source>
        <translation>Aún no hay leads: importe un CSV desde Campañas.</translation>
    </message>
    <message>
        <source>No lead matches.</source>
        <translation>Ningún lead coincide.</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 mostrados</translation>
    </message>
    <message>
        <source>%1+ leads</source>
        <translation>%1+ leads</translation>
    </message>
    <message numerus="yes">
        <source>%Ln lead(s)</source>
        <translation>
            <numerusform>%Ln lead</numerusform>
            <numerusform>%Ln leads</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the lead: %1</source>
        <translation>No se pudo leer el lead: %1</translation>
    </message>
    <message>
        <source>Phone: %1%2</source>
        <translation>Teléfono: %1%2</translation>
    </message>
    <message>
        <source> ext. %1</source>
        <translation> ext. %1</translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation>Correo: %1</translation>
    </message>
    <message>
        <source>Company: %1</source>
        <translation>Empresa: %1</translation>
    </message>
    <message>
        <source>Client: %1</source>
        <translation>Cliente: %1</translation>
    </message>
    <message>
        <source>Status: %1; calls: %2</source>
        <translation>Estado: %1; llamadas: %2</translation>
    </message>
    <message>
        <source>Time zone: %1%2</source>
        <translation>Zona horaria: %1%2</translation>
    </message>
    <message>
        <source>Consent: %1 from %2</source>
        <translation>Consentimiento: %1 de %2</translation>
    </message>
    <message>
        <source>Apply export and bulk actions to</source>
        <translation>Aplicar la exportación y las acciones masivas a</translation>
    </message>
    <message>
        <source>Selected leads</source>
        <translation>Leads seleccionados</translation>
    </message>
    <message>
        <source>All that match the filter</source>
        <translation>Todos los que coinciden con el filtro</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Bulk actions</source>
        <translation>Acciones masivas</translation>
    </message>
    <message>
        <source>Set status: %1</source>
        <translation>Cambiar estado: %1</translation>
    </message>
    <message>
        <source>Mark do-not-contact…</source>
        <translation>Marcar como «no contactar»…</translation>
    </message>
    <message>
        <source>Move to campaign…</source>
        <translation>Mover a campaña…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Apply to:</source>
        <translation>Aplicar a:</translation>
    </message>
    <message>
        <source>Export leads</source>
        <translation>Exportar leads</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Move leads</source>
        <translation>Mover leads</translation>
    </message>
    <message>
        <source>To campaign:</source>
        <translation>A la campaña:</translation>
    </message>
    <message>
        <source>Select leads first, or apply to all that match the filter.</source>
        <translation>Seleccione primero leads o aplique la acción a todos los que coinciden con el filtro.</translation>
    </message>
    <message>
        <source>Exporting leads…</source>
        <translation>Exportando leads…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Exporting leads: %1 of %2</source>
        <translation>Exportando leads: %1 de %2</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Exportación cancelada; no se escribió ningún archivo.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln lead(s) to %1.</source>
        <translation>
            <numerusform>Se exportó %Ln lead a %1.</numerusform>
            <numerusform>Se exportaron %Ln leads a %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>%1: %2 of %3 leads changed.</source>
        <translation>%1: %2 de %3 leads cambiados.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 falló: %2</translation>
    </message>
    <message>
        <source>Set status to %1</source>
        <translation>Cambiar el estado a %1</translation>
    </message>
    <message>
        <source>Mark these leads do-not-contact? Their numbers and e-mail addresses go on the opt-out list.</source>
        <translation>¿Marcar estos leads como «no contactar»? Sus números y direcciones de correo pasan a la lista de exclusión.</translation>
    </message>
    <message>
        <source>Mark do-not-contact</source>
        <translation>Marcar como «no contactar»</translation>
    </message>
    <message>
        <source>Move to another campaign</source>
        <translation>Mover a otra campaña</translation>
    </message>
    <message>
        <source>Delete every lead that matches the filter? This cannot be undone.</source>
        <translation>¿Eliminar todos los leads que coinciden con el filtro? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %Ln selected lead(s)? This cannot be undone.</source>
        <translation>
            <numerusform>¿Eliminar el %Ln lead seleccionado? No se puede deshacer.</numerusform>
            <numerusform>¿Eliminar los %Ln leads seleccionados? No se puede deshacer.</numerusform>
        </translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contactado</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Volver a llamar</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Reservado</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Asistió</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No asistió</translation>
    </message>
    <message>
        <source>Not interested</source>
        <translation>Sin interés</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>No contactar</translation>
    </message>
    <message>
        <source>Contacted or further</source>
        <translation>Contactado o más allá</translation>
    </message>
    <message>
        <source>Booked or further</source>
        <translation>Reservado o más allá</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Any time zone</source>
        <translation>Cualquier zona horaria</translation>
    </message>
    <message>
        <source>Contactable or not</source>
        <translation>Contactable o no</translation>
    </message>
    <message>
        <source>DNC or opted out</source>
        <translation>No contactar o dado de baja</translation>
    </message>
    <message>
        <source>Contactable</source>
        <translation>Contactable</translation>
    </message>
    <message>
        <source>Added from</source>
        <translation>Añadido desde</translation>
    </message>
    <message>
        <source>Added until</source>
        <translation>Añadido hasta</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Clear the called-in-period filter</source>
        <translation>Quitar el filtro «llamado en el periodo»</translation>
    </message>
    <message>
        <source>&amp;Edit lead…</source>
        <translation>&amp;Editar lead…</translation>
    </message>
    <message>
        <source>&amp;Open lead…</source>
        <translation>&amp;Abrir lead…</translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation>Zona horaria:</translation>
    </message>
    <message>
        <source>%1: last called from %2 to %3</source>
        <translation>%1: última llamada del %2 al %3</translation>
    </message>
    <message>
        <source>Leads called</source>
        <translation>Leads llamados</translation>
    </message>
    <message>
        <source>%1: %2 → %3 (%4)</source>
        <translation>%1: %2 → %3 (%4)</translation>
    </message>
    <message>
        <source>Status history:</source>
        <translation>Historial de estados:</translation>
    </message>
    <message>
        <source>Lead saved. Its area code is in no phone data we have: check the number.</source>
        <translation>Lead guardado. Su código de área no figura en nuestros datos telefónicos: compruebe el número.</translation>
    </message>
    <message>
        <source>Lead saved.</source>
        <translation>Lead guardado.</translation>
    </message>
    <message>
        <source>Erase lead (privacy request)…</source>
        <translation>Borrar lead (solicitud de privacidad)…</translation>
    </message>
    <message>
        <source>Select the leads to erase: a privacy request names its person, never a filter.</source>
        <translation>Seleccione los leads a borrar: una solicitud de privacidad nombra a su persona, nunca un filtro.</translation>
    </message>
    <message numerus="yes">
        <source>Erase the %Ln selected lead(s)? Their personal data is deleted; their numbers and e-mail addresses stay on the do-not-call list only as a hash, so they are never contacted again. This cannot be undone.</source>
        <translation>
            <numerusform>¿Borrar el lead seleccionado (%Ln)? Sus datos personales se eliminan; sus números y correos quedan en la lista de no llamar solo como hash, para no volver a contactarlos. No se puede deshacer.</numerusform>
            <numerusform>¿Borrar los %Ln leads seleccionados? Sus datos personales se eliminan; sus números y correos quedan en la lista de no llamar solo como hash, para no volver a contactarlos. No se puede deshacer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Erase (privacy request)</source>
        <translation>Borrar (solicitud de privacidad)</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::LoginDialog</name>
    <message>
        <source>Sign in to Callvia</source>
        <translation>Iniciar sesión en Callvia</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>User name: required.</source>
        <translation>Nombre de usuario: obligatorio.</translation>
    </message>
    <message>
        <source>Password: required.</source>
        <translation>Contraseña: obligatoria.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
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
        <translation>Panel</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Citas</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Facturación</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Not built yet: %1</source>
        <translation>Aún no disponible: %1</translation>
    </message>
    <message>
        <source>KPI cards and charts of calls, bookings, shows and revenue.</source>
        <translation>Indicadores y gráficos de llamadas, reservas, asistencias e ingresos.</translation>
    </message>
    <message>
        <source>the paged lead list with search and filters.</source>
        <translation>la lista paginada de leads con búsqueda y filtros.</translation>
    </message>
    <message>
        <source>the calendar and the show verification controls.</source>
        <translation>el calendario y los controles de verificación de asistencia.</translation>
    </message>
    <message>
        <source>usage, milestones and Stripe invoices.</source>
        <translation>uso, hitos y facturas de Stripe.</translation>
    </message>
    <message>
        <source>users, settings, secrets, the webhook event log and the audit log.</source>
        <translation>usuarios, configuración, secretos, el registro de eventos de webhook y el registro de auditoría.</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About Callvia</source>
        <translation>&amp;Acerca de Callvia</translation>
    </message>
    <message>
        <source>About Callvia</source>
        <translation>Acerca de Callvia</translation>
    </message>
    <message>
        <source>Callvia %1
AI voice appointment-setting campaigns for agencies.</source>
        <translation>Callvia %1
Campañas de concertación de citas con voz de IA para agencias.</translation>
    </message>
    <message>
        <source>Database works again</source>
        <translation>La base de datos vuelve a funcionar</translation>
    </message>
    <message>
        <source>Database problem: %1
Changes cannot be saved and lists may be out of date; incoming webhooks are answered 503 so the providers retry them, and nothing stored is lost. This message clears by itself when the database works again.</source>
        <translation>Problema con la base de datos: %1
Los cambios no se pueden guardar y las listas pueden estar desactualizadas; los webhooks entrantes se responden con 503 para que los proveedores los reintenten, y no se pierde nada de lo guardado. Este mensaje desaparece solo cuando la base de datos vuelve a funcionar.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::MessageList</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <source>To / from</source>
        <translation>Para / de</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Buffered</source>
        <translation>En búfer</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Aplazado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>Rebotado</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Descartado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Caducado</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Clicked</source>
        <translation>Con clic</translation>
    </message>
    <message>
        <source>Marked as spam</source>
        <translation>Marcado como spam</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Baja de suscripción</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Saliente</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::OutboxView</name>
    <message>
        <source>Any state</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Cualquier tipo</translation>
    </message>
    <message>
        <source>Any client</source>
        <translation>Cualquier cliente</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Due (UTC)</source>
        <translation>Vence (UTC)</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Próximo intento</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Provider ref</source>
        <translation>Ref. del proveedor</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>Select a row to see its payload (secrets masked) and the provider&apos;s answer.</source>
        <translation>Seleccione una fila para ver su contenido (secretos enmascarados) y la respuesta del proveedor.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Send this failed row again (attempts start from zero)</source>
        <translation>Enviar de nuevo esta fila fallida (los intentos empiezan desde cero)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Never send this failed row</source>
        <translation>No enviar nunca esta fila fallida</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Bandeja de salida</translation>
    </message>
    <message>
        <source>Cannot read the outbox: %1</source>
        <translation>No se puede leer la bandeja de salida: %1</translation>
    </message>
    <message>
        <source>agency</source>
        <translation>agencia</translation>
    </message>
    <message>
        <source>Outbox row %1 (%2), idempotency key %3
</source>
        <translation>Fila %1 de la bandeja de salida (%2), clave de idempotencia %3
</translation>
    </message>
    <message numerus="yes">
        <source>State %1 after %n attempt(s); due %2 UTC; sent %3
</source>
        <translation>
            <numerusform>Estado %1 tras %n intento; vence %2 UTC; enviado %3
</numerusform>
            <numerusform>Estado %1 tras %n intentos; vence %2 UTC; enviado %3
</numerusform>
        </translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Last error: %1
</source>
        <translation>Último error: %1
</translation>
    </message>
    <message>
        <source>
Payload (secrets masked):
%1
</source>
        <translation>
Contenido (secretos enmascarados):
%1
</translation>
    </message>
    <message>
        <source>
Provider&apos;s answer%1:
%2</source>
        <translation>
Respuesta del proveedor%1:
%2</translation>
    </message>
    <message>
        <source> (HTTP %1 from %2)</source>
        <translation> (HTTP %1 de %2)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>Seleccione primero una fila.</translation>
    </message>
    <message>
        <source>Not changed: only a failed row can be retried or cancelled here (row %1 is %2).</source>
        <translation>Sin cambios: aquí solo se puede reintentar o cancelar una fila fallida (la fila %1 está en %2).</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Sin cambios: %1</translation>
    </message>
    <message>
        <source>Row %1 will be sent again.</source>
        <translation>La fila %1 se enviará de nuevo.</translation>
    </message>
    <message>
        <source>Row %1 cancelled.</source>
        <translation>Fila %1 cancelada.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ProvidersBox</name>
    <message>
        <source>Provider connections</source>
        <translation>Conexiones con proveedores</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>One harmless GET %1 with the stored API key; nothing is changed at %2.</source>
        <translation>Un GET %1 inofensivo con la clave de API guardada; no se cambia nada en %2.</translation>
    </message>
    <message>
        <source>Not tested yet.</source>
        <translation>Aún no probado.</translation>
    </message>
    <message>
        <source>Webhook listener</source>
        <translation>Receptor de webhooks</translation>
    </message>
    <message>
        <source>The address the providers reach the listener at: the tunnel&apos;s or reverse proxy&apos;s public https URL (setting listener.public_url).</source>
        <translation>La dirección en la que los proveedores alcanzan el receptor: la URL https pública del túnel o del proxy inverso (ajuste listener.public_url).</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Webhook URL to paste into its dashboard</source>
        <translation>URL del webhook para pegar en su panel</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>&amp;Copiar URL</translation>
    </message>
    <message>
        <source>Re&amp;fresh state</source>
        <translation>Actuali&amp;zar estado</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Public base URL:</source>
        <translation>URL base pública:</translation>
    </message>
    <message>
        <source>(POST, or GET for delivery reports)</source>
        <translation>(POST, o GET para informes de entrega)</translation>
    </message>
    <message>
        <source>listening on %1 (configured %2)</source>
        <translation>escuchando en %1 (configurado %2)</translation>
    </message>
    <message>
        <source>not running (configured %1)</source>
        <translation>no está en marcha (configurado %1)</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>Connected: %1 accepted the key (HTTP %2 from %3).</source>
        <translation>Conectado: %1 aceptó la clave (HTTP %2 de %3).</translation>
    </message>
    <message>
        <source>No API key is set: set the secret %1 first.</source>
        <translation>No hay clave de API: establezca primero el secreto %1.</translation>
    </message>
    <message>
        <source>%1 refused the API key (HTTP %2): %3. Check the key (Set secret…).</source>
        <translation>%1 rechazó la clave de API (HTTP %2): %3. Revise la clave (Definir secreto…).</translation>
    </message>
    <message>
        <source>Cannot reach %1 at %2: %3.</source>
        <translation>No se puede alcanzar %1 en %2: %3.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 at %3: %4.</source>
        <translation>%1 respondió HTTP %2 en %3: %4.</translation>
    </message>
    <message>
        <source>Send test event</source>
        <translation>Enviar evento de prueba</translation>
    </message>
    <message>
        <source>&amp;Send test event</source>
        <translation>&amp;Enviar evento de prueba</translation>
    </message>
    <message>
        <source>Signs a harmless test event as the provider would, posts it to the public URL (listener.public_url; else this listener) and checks that it was stored. Test events show in the journal and are never applied.</source>
        <translation>Firma un evento de prueba inofensivo como lo haría el proveedor, lo envía a la URL pública (listener.public_url; si no, a este receptor) y comprueba que se guardó. Los eventos de prueba aparecen en el registro y nunca se aplican.</translation>
    </message>
    <message>
        <source>Checks the public URL end to end: tunnel or proxy, signature, storage.</source>
        <translation>Comprueba la URL pública de extremo a extremo: túnel o proxy, firma, almacenamiento.</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <source>Sending a %1 test event and waiting for it to be stored…</source>
        <translation>Enviando un evento de prueba de %1 y esperando a que se guarde…</translation>
    </message>
    <message>
        <source>the public URL, listener.public_url</source>
        <translation>la URL pública, listener.public_url</translation>
    </message>
    <message>
        <source>the local listener: no listener.public_url is set</source>
        <translation>el receptor local: listener.public_url no está configurada</translation>
    </message>
    <message>
        <source>Stored. The %1 test event reached %2 (%3), was answered HTTP %4 and is stored as event #%5, received %6 UTC (%7; test events are never applied).</source>
        <translation>Guardado. El evento de prueba de %1 llegó a %2 (%3), recibió HTTP %4 y está guardado como evento n.º %5, recibido %6 UTC (%7; los eventos de prueba nunca se aplican).</translation>
    </message>
    <message>
        <source>Sent to %1 (%2) and answered HTTP %3%4, but not stored: %5.</source>
        <translation>Enviado a %1 (%2), respuesta HTTP %3%4, pero no guardado: %5.</translation>
    </message>
    <message>
        <source>Signature refused: %1 (%2) answered HTTP 401%3. The %4 set here differs from the listener&apos;s.</source>
        <translation>Firma rechazada: %1 (%2) respondió HTTP 401%3. El %4 configurado aquí difiere del del receptor.</translation>
    </message>
    <message>
        <source>Not configured: %1 answered HTTP %2: %3.</source>
        <translation>No configurado: %1 respondió HTTP %2: %3.</translation>
    </message>
    <message>
        <source>Not sent: %1.</source>
        <translation>No enviado: %1.</translation>
    </message>
    <message>
        <source>Unreachable: %1 (%2): %3.</source>
        <translation>Inalcanzable: %1 (%2): %3.</translation>
    </message>
    <message>
        <source>%1 (%2) answered HTTP %3%4.</source>
        <translation>%1 (%2) respondió HTTP %3%4.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::ResetPasswordDialog</name>
    <message>
        <source>Reset password of %1</source>
        <translation>Restablecer la contraseña de %1</translation>
    </message>
    <message>
        <source>%1 must choose a new password at the next sign-in. Use at least %2 characters, not containing the user name.</source>
        <translation>%1 deberá elegir una nueva contraseña en el próximo inicio de sesión. Use al menos %2 caracteres, sin contener el nombre de usuario.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Restablecer contraseña</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Contraseña temporal</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Repetir contraseña</translation>
    </message>
    <message>
        <source>Repeat password: the two passwords differ.</source>
        <translation>Repetir contraseña: las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::SettingsActions</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>Settings saved. Language, time zone and listener address apply when Callvia starts again.</source>
        <translation>Ajustes guardados. El idioma, la zona horaria y la dirección del receptor se aplican cuando Callvia se inicie de nuevo.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Ajustes guardados.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Sistema (%1)</translation>
    </message>
    <message>
        <source>the default folder</source>
        <translation>la carpeta predeterminada</translation>
    </message>
    <message>
        <source> newest backups</source>
        <translation> copias más recientes</translation>
    </message>
    <message>
        <source> shown appointments</source>
        <translation> citas asistidas</translation>
    </message>
    <message>
        <source> ¢ per minute</source>
        <translation> ¢ por minuto</translation>
    </message>
    <message>
        <source> hours after the appointment ends</source>
        <translation> horas tras el fin de la cita</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Este equipo</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Display &amp;time zone:</source>
        <translation>&amp;Zona horaria de visualización:</translation>
    </message>
    <message>
        <source>Language and time zone apply the next time Callvia starts.</source>
        <translation>El idioma y la zona horaria se aplican la próxima vez que se inicie Callvia.</translation>
    </message>
    <message>
        <source>Listener &amp;address:</source>
        <translation>&amp;Dirección del receptor:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Backup &amp;folder:</source>
        <translation>&amp;Carpeta de copias:</translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation>Conser&amp;var:</translation>
    </message>
    <message>
        <source>Defaults for new clients</source>
        <translation>Valores predeterminados para clientes nuevos</translation>
    </message>
    <message>
        <source>&amp;Shows per milestone:</source>
        <translation>Citas por &amp;hito:</translation>
    </message>
    <message>
        <source>Milestone a&amp;mount ($):</source>
        <translation>I&amp;mporte del hito ($):</translation>
    </message>
    <message>
        <source>&amp;Rate per minute:</source>
        <translation>&amp;Tarifa por minuto:</translation>
    </message>
    <message>
        <source>&amp;Verification wait:</source>
        <translation>Espera de &amp;verificación:</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Carpeta de copias</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::SetupDialog</name>
    <message>
        <source>Set up Callvia</source>
        <translation>Configurar Callvia</translation>
    </message>
    <message>
        <source>Create the first administrator. Administrators manage users, settings and provider secrets. Use at least %1 characters for the password.</source>
        <translation>Cree el primer administrador. Los administradores gestionan usuarios, configuración y secretos de los proveedores. Use al menos %1 caracteres para la contraseña.</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Crear administrador</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Repetir contraseña</translation>
    </message>
    <message>
        <source>Repeat password: the two passwords differ.</source>
        <translation>Repetir contraseña: las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::UnmatchedBookingsBox</name>
    <message>
        <source>Bookings without a lead (Cal.com)</source>
        <translation>Reservas sin lead (Cal.com)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Attendee</source>
        <translation>Asistente</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Reserva</translation>
    </message>
    <message>
        <source>Link to lead…</source>
        <translation>Vincular a un lead…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Select a booking first.</source>
        <translation>Seleccione primero una reserva.</translation>
    </message>
    <message>
        <source>Could not read the bookings: %1</source>
        <translation>No se pudieron leer las reservas: %1</translation>
    </message>
    <message>
        <source>Linked to lead %1.</source>
        <translation>Vinculado al lead %1.</translation>
    </message>
    <message>
        <source>Not linked: %1</source>
        <translation>No vinculado: %1</translation>
    </message>
</context>
<context>
    <name>Callvia::Ui::UserRoleDialog</name>
    <message>
        <source>Change role of %1</source>
        <translation>Cambiar el rol de %1</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambiar</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Callvia</source>
        <translation>Callvia</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Bandeja de salida</translation>
    </message>
    <message>
        <source>%1

Password:</source>
        <translation>%1

Contraseña:</translation>
    </message>
    <message>
        <source>Sign in to the team database.</source>
        <translation>Inicie sesión en la base de datos del equipo.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Nombre de usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>Callvia cannot use its database.

%1</source>
        <translation>Callvia no puede usar su base de datos.

%1</translation>
    </message>
    <message>
        <source>Welcome to Callvia</source>
        <translation>Bienvenido a Callvia</translation>
    </message>
    <message>
        <source>This database is empty. Load demo data (a few clients, campaigns and leads) to look around?</source>
        <translation>Esta base de datos está vacía. ¿Cargar datos de demostración (algunos clientes, campañas y leads) para explorar?</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Datos de demostración</translation>
    </message>
    <message>
        <source>not started for client users</source>
        <translation>no iniciado para usuarios de cliente</translation>
    </message>
    <message>
        <source>Listener not running: %1</source>
        <translation>El receptor no está en marcha: %1</translation>
    </message>
    <message>
        <source>Database: %1    Webhooks: http://%2:%3/api/webhooks/</source>
        <translation>Base de datos: %1    Webhooks: http://%2:%3/api/webhooks/</translation>
    </message>
    <message>
        <source>Providers and listener</source>
        <translation>Proveedores y receptor</translation>
    </message>
    <message>
        <source>Webhook events</source>
        <translation>Eventos de webhook</translation>
    </message>
    <message>
        <source>Do-not-call list</source>
        <translation>Lista de no llamar</translation>
    </message>
    <message>
        <source>Events and DNC</source>
        <translation>Eventos y no llamar</translation>
    </message>
    <message>
        <source>Dialing paused for campaign %1: %2</source>
        <translation>Marcación pausada para la campaña %1: %2</translation>
    </message>
</context>
<context>
    <name>RoleClientFields</name>
    <message>
        <source>Staff: every client&apos;s operational data</source>
        <translation>Personal: datos operativos de todos los clientes</translation>
    </message>
    <message>
        <source>Client user: one client&apos;s data, read-mostly</source>
        <translation>Usuario de cliente: datos de un cliente, sobre todo lectura</translation>
    </message>
    <message>
        <source>Administrator: everything, incl. users and secrets</source>
        <translation>Administrador: todo, incluidos usuarios y secretos</translation>
    </message>
    <message>
        <source>(no clients yet)</source>
        <translation>(aún no hay clientes)</translation>
    </message>
    <message>
        <source>only for client users</source>
        <translation>solo para usuarios de cliente</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (archivado)</translation>
    </message>
</context>
</TS>
