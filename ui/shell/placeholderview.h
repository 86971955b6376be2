#pragma once

#include <QWidget>

namespace Callvia::Ui {

// A section that is not built yet says so plainly (no fake data).
class PlaceholderView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderView)
public:
    PlaceholderView(const QString &title, const QString &explanation, QWidget *parent = nullptr);
};

} // namespace Callvia::Ui
