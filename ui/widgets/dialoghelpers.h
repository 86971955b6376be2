#pragma once

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace Callvia::Ui::DialogHelpers {

// A password field with an object name for tests.
inline QLineEdit *passwordField(QWidget *parent, const QString &name)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

// The red line under a form that names the bad field.
inline QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("error"));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020"));
    return label;
}

} // namespace Callvia::Ui::DialogHelpers
