#pragma once

#include <models/dberror.h>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

// Fills an empty database with a small, realistic agency: clients, campaigns and a few
// thousand leads in every stage, so a newcomer sees a living app. Deterministic (fixed seed).
class DemoData final
{
public:
    DemoData(Models::Database &database, const Models::Clock &clock);

    // True when the database has no clients yet (the app then offers demo data).
    Models::DbResult<bool> isEmpty() const;
    Models::DbError load() const;

private:
    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
