package org.genmask.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void recoversARotatedDiagonal() {
        // A = R diag(5, 2, 0.5) R^T with R a rotation about z by 30 degrees
        double c = Math.cos(Math.PI / 6);
        double s = Math.sin(Math.PI / 6);
        double[][] r = {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
        double[] d = {2, 5, 0.5};
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    a[i][j] += r[i][k] * d[k] * r[j][k];
                }
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        assertEquals(5, e.values[0], 1e-12);
        assertEquals(2, e.values[1], 1e-12);
        assertEquals(0.5, e.values[2], 1e-12);
        // eigenvector of 5 is R's second column (-s, c, 0), up to sign
        double dot = -s * e.vectors[0][0] + c * e.vectors[0][1];
        assertEquals(1, Math.abs(dot), 1e-12);
        for (int k = 0; k < 3; k++) {                    // A v = lambda v
            for (int i = 0; i < 3; i++) {
                double av = 0;
                for (int j = 0; j < 3; j++) {
                    av += a[i][j] * e.vectors[k][j];
                }
                assertEquals(e.values[k] * e.vectors[k][i], av, 1e-12);
            }
        }
    }
}
