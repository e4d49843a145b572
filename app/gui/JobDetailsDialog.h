#pragma once

#include "core/JobTypes.h"

#include <QDialog>

namespace ks::app {

// Every step of one key's attempt with its start, duration and outcome, and the error in full.
class JobDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    JobDetailsDialog(const core::JobResult &result, int keyNumber, QWidget *parent = nullptr);
};

} // namespace ks::app
