package org.genmask.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OpTimesTest {
    @Test
    void tableSumsTheMatrixProductsApartFromTheOtherOps() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 4, 3);
        SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 3, 2));
        x.mmul(w).add(1.0).sum().markAsLoss();
        OpTimes times = new OpTimes();
        sd.setListeners(times);
        Map<String, INDArray> feed = Map.of("x", Nd4j.rand(DataType.FLOAT, 4, 3));
        for (int step = 0; step < 2; step++) {
            sd.calculateGradients(feed, "w");
        }
        String table = times.table(2);

        Matcher matmul = row("matmul").matcher(table);
        Matcher matmulBp = row("matmul_bp").matcher(table);
        assertTrue(matmul.find() && matmulBp.find(), table);
        assertEquals(1, Integer.parseInt(matmul.group(1)), "one forward product per step");
        assertEquals(1, Integer.parseInt(matmulBp.group(1)), "one backward product per step");
        Matcher summary = Pattern.compile("matrix products ([0-9.]+) ms/step \\(matmul, matmul_bp\\), all other ops "
                + "([0-9.]+) ms/step").matcher(table);
        assertTrue(summary.find(), table);
        double products = Double.parseDouble(matmul.group(2)) + Double.parseDouble(matmulBp.group(2));
        assertEquals(products, Double.parseDouble(summary.group(1)), 0.11, "products = matmul + matmul_bp rows");
        double all = times.totalNanos() / 1e6 / 2;
        assertEquals(all, Double.parseDouble(summary.group(1)) + Double.parseDouble(summary.group(2)), 0.11,
                "products + others = all ops");
    }

    private static Pattern row(String op) {
        return Pattern.compile("(?m)^" + op + " +([0-9]+) +([0-9.]+) ");
    }
}
