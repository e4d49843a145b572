#pragma once

#include "core/CoreError.h"
#include "core/Lot.h"

#include <QDialog>
#include <QFuture>
#include <QList>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace ks::core {
class Journal;
}

namespace ks::app {

// The lot picker at the start of a shift (docs/gui.md): a lot already in the journal, a lot manifest file
// from the key vendor's serial list (docs/lots.md), or "No lot". Shows the chosen lot's id, customer, model,
// quantity and serials before it is confirmed, and refuses a lot made for another profile. The journal's
// lots are read on a worker thread (lotsLoaded follows).
class LotPickerDialog : public QDialog
{
    Q_OBJECT

public:
    // journal must outlive the dialog and the queries it started (the dialog does not wait for them);
    // profileName is the station's profile (Profile::name).
    LotPickerDialog(core::Journal *journal, const QString &profileName,
                    const std::optional<core::LotManifest> &current, QWidget *parent = nullptr);
    ~LotPickerDialog() override;

    // Loads a manifest file into the list and selects it (what "Load manifest file…" does after its dialog).
    core::Status loadFile(const QString &path);
    // Selects a listed lot by id; false when it is not listed.
    bool selectLot(const QString &lotId);
    void selectNoLot();
    // What OK confirms: nullopt for "No lot".
    std::optional<core::LotManifest> selectedLot() const;
    bool canConfirm() const;
    QString detailsText() const;
    int listedLots() const; // lots in the list, "No lot" not counted

public Q_SLOTS:
    void loadFileInteractive();

Q_SIGNALS:
    void lotsLoaded(int count);

private:
    void showLots(const QString &error, const QList<core::LotManifest> &lots);
    int addLot(const core::LotManifest &lot, const QString &origin, int row = -1);
    void showSelection();

    core::Journal *m_journal;
    QString m_profileName;
    QList<core::LotManifest> m_journalLots; // as the journal holds them
    QList<core::LotManifest> m_items; // row i + 1 of the list (row 0: "No lot")
    QListWidget *m_list;
    QLabel *m_details;
    QLabel *m_status;
    QPushButton *m_loadFile;
    QDialogButtonBox *m_buttons;
    QString m_wanted; // the lot to select once the journal's lots arrive
};

} // namespace ks::app
