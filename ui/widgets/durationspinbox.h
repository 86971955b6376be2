#pragma once

#include <QSpinBox>

namespace Callvia::Ui {

// A spin box whose value is a number of minutes, written in the largest whole unit: "30 min",
// "4 h", "1 day" (1440 would otherwise read as "1440 min"). Typing accepts a number with an
// optional unit ("90", "90 min", "4 h", "2 d"); the arrows step by a unit of the shown value.
class DurationSpinBox final : public QSpinBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DurationSpinBox)
public:
    explicit DurationSpinBox(QWidget *parent = nullptr);

    void stepBy(int steps) override;

protected:
    QString textFromValue(int minutes) const override;
    int valueFromText(const QString &text) const override;
    QValidator::State validate(QString &text, int &pos) const override;

private:
    // Minutes of the typed text, or -1 when it is not a duration.
    int parse(const QString &text) const;
};

} // namespace Callvia::Ui
