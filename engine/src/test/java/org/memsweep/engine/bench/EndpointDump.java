package org.memsweep.engine.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.Trajectory;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.exact.CategoryProbabilities;

/**
 * A measuring tool, not a test (run with the test classpath): {@code dump FILE} runs every cell of the
 * default and paper-fig3 presets (as their YAML files in jobs define them) with the presets' seed counts
 * through {@link Cell#run(long, double[])} and writes every endpoint; it also prints each cell's largest
 * deviation from its exact category probabilities in standard errors. {@code compare A B} prints the
 * largest endpoint-coordinate difference per cell and the number of category changes. Uses only the API
 * that Cell had before issue 11, so it runs against the engine of any commit since.
 */
public final class EndpointDump {
    private EndpointDump() {}

    static List<Map<String, Object>> presetCells() {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int n : new int[] {2, 3, 5, 9, 17, 31}) {
            for (String flow : new String[] {"probability", "score"}) {
                cells.add(map("dataset", "orthogonal", "d", 30, "n", n, "flow", flow, "sigma-max", 0.08, "sigma-min", 0.002,
                        "steps", 150, "start-mean", "data-mean", "start-scale", 0.3, "seeds", 4000));
            }
        }
        for (int n : new int[] {3, 6, 11, 21, 31}) {
            for (String flow : new String[] {"probability", "score"}) {
                cells.add(map("dataset", "orthogonal", "d", 30, "n", n, "flow", flow, "sigma-max", 80.0, "sigma-min", 0.002,
                        "steps", 150, "high-noise", "mmse", "low-noise", "closed", "start-mean", "origin", "seeds", 2000));
            }
        }
        return cells;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("dump")) dump(args[1]);
        else compare(args[1], args[2]);
    }

    private static void dump(String file) throws Exception {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file)))) {
            for (Map<String, Object> m : presetCells()) {
                int seeds = (Integer) m.remove("seeds");
                Cell cell = Cell.build(CellParams.fromMap(m));
                int d = cell.params().d();
                double[] end = new double[d];
                Map<Category, Integer> counts = new EnumMap<>(Category.class);
                out.writeUTF(m.get("n") + " " + m.get("flow") + " σmax=" + m.get("sigma-max"));
                out.writeInt(seeds);
                out.writeInt(d);
                for (int i = 0; i < seeds; i++) {
                    Trajectory t = cell.run(i, end);
                    for (double v : end) out.writeDouble(v);
                    out.writeInt(t.endpoint().category().ordinal());
                    counts.merge(t.endpoint().category(), 1, Integer::sum);
                }
                double worst = 0;
                CategoryProbabilities exact = cell.exactPrediction().orElse(null);
                if (exact != null) {
                    for (Category c : Category.values()) {
                        if (c == Category.DIVERGED) continue;
                        double p = exact.of(c), phat = counts.getOrDefault(c, 0) / (double) seeds;
                        double se = Math.max(Math.sqrt(p * (1 - p) / seeds), 1.0 / seeds);
                        worst = Math.max(worst, Math.abs(phat - p) / se);
                    }
                }
                String name = m.get("n") + " " + m.get("flow") + " σmax=" + m.get("sigma-max");
                if (exact == null) System.out.printf(Locale.ROOT, "%-28s no exact prediction (MMSE above σ_switch)%n", name);
                else System.out.printf(Locale.ROOT, "%-28s largest deviation from the exact prediction: %.2f SE%n", name, worst);
            }
        }
    }

    private static void compare(String a, String b) throws Exception {
        try (DataInputStream x = new DataInputStream(new BufferedInputStream(new FileInputStream(a)));
             DataInputStream y = new DataInputStream(new BufferedInputStream(new FileInputStream(b)))) {
            double overall = 0;
            while (x.available() > 0) {
                String name = x.readUTF();
                y.readUTF();
                int seeds = x.readInt(), d = x.readInt();
                y.readInt();
                y.readInt();
                double worst = 0;
                long differing = 0, categoryChanges = 0;
                for (int i = 0; i < seeds; i++) {
                    boolean diff = false;
                    for (int k = 0; k < d; k++) {
                        double u = x.readDouble(), v = y.readDouble();
                        if (Double.doubleToRawLongBits(u) != Double.doubleToRawLongBits(v)) diff = true;
                        worst = Math.max(worst, Math.abs(u - v));
                    }
                    if (diff) differing++;
                    if (x.readInt() != y.readInt()) categoryChanges++;
                }
                overall = Math.max(overall, worst);
                System.out.printf(Locale.ROOT, "%-28s trajectories differing: %5d/%d  largest |Δ coordinate| %.3e  category changes %d%n",
                        name, differing, seeds, worst, categoryChanges);
            }
            System.out.printf(Locale.ROOT, "largest endpoint-coordinate difference over all cells: %.3e%n", overall);
        }
    }
}
