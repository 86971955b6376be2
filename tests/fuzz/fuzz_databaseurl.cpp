// Fuzzes the --database URL parser (user input from the command line and settings).
#include <models/database.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto url = Callvia::Models::DatabaseUrl::parse(text, &error);
    if (url)
        (void)url->displayName();
    return 0;
}
