package org.memsweep.jobs.bank;

import static org.memsweep.analysis.table.Columns.BANK_COLUMNS;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.memsweep.analysis.table.Columns.BankEntry;
import org.memsweep.analysis.table.TableColumn;
import org.memsweep.engine.bank.NetworkArrays;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.TrainedLevels;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.train.MinNormTrainer;
import org.memsweep.engine.train.TrainResult;
import org.memsweep.engine.train.TrainSettings;

/**
 * Trains the chains of one partition (one chain per task, science.md §3.4): the chain's highest
 * level from random weights, each next level warm-started from the one above
 * ({@link MinNormTrainer#trainWarm}); emits a bank/ row for every level the bank does not hold.
 * Levels already present are still trained (in memory) when a later level of the chain is missing,
 * because the later level's warm start needs them; their rows are not written again.
 */
final class ChainTask implements FlatMapFunction<Iterator<BankPlan.Chain>, Row> {
    private static final long serialVersionUID = 1L;
    private final String runId;

    /** Each chain is trained with the training settings of its cell (its {@code train} parameter). */
    ChainTask(String runId) {
        this.runId = runId;
    }

    @Override
    public Iterator<Row> call(Iterator<BankPlan.Chain> chains) {
        List<Row> rows = new ArrayList<>();
        while (chains.hasNext()) {
            BankPlan.Chain c = chains.next();
            CellParams p = CellParams.fromMap(c.cell());
            TrainedLevels t = TrainedLevels.of(p);
            String settingsText = p.train();
            TrainSettings s = TrainSettings.parse(settingsText);
            if (!java.util.Arrays.equals(t.levels(), c.levels())) {
                throw new IllegalStateException("chain " + c.keys()[0] + " resolved to other levels on the executor");
            }
            TrainingSet data = t.trainingSet();
            int last = c.lastMissing();
            TrainResult prev = null;
            for (int i = 0; i <= last; i++) {
                double sigma = c.levels()[i];
                TrainResult r = prev == null ? MinNormTrainer.train(data, sigma, s, null) : MinNormTrainer.trainWarm(data, sigma, s, prev);
                if (!c.present()[i]) {
                    BankEntry e = new BankEntry(runId, c.keys()[i], t.data().canonical(), t.dataSeed(), sigma, c.levels(),
                            settingsText, NetworkArrays.of(r.network()), r);
                    Object[] v = new Object[BANK_COLUMNS.size()];
                    TableColumn.readAll(BANK_COLUMNS, e, v, 0);
                    rows.add(RowFactory.create(v));
                }
                prev = r;
            }
        }
        return rows.iterator();
    }
}
