package org.genmask.notebooks.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cell semantics the notebooks rely on, without a Jupyter front end. */
class GenMaskKernelTest {
    private static GenMaskKernel kernel;

    @BeforeAll
    static void start() {
        kernel = GenMaskKernel.create();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    @Test
    void lastExpressionIsTheValueAndStateCarriesOver() {
        assertNull(kernel.evalRaw("int a = 20;\nint b = a + 1;"));
        assertEquals("42", kernel.evalRaw("int c = 2;\nb * c"));
        assertNull(kernel.evalRaw("if (b > 0) { b = b + 0; }"));
    }

    @Test
    void forwardReferencesInsideACellResolve() {
        assertEquals("7", kernel.evalRaw("int seven() { return Helper.SEVEN; }\nclass Helper { static final int SEVEN = 7; }\nseven()"));
    }

    @Test
    void anExceptionFailsTheCellWithItsClassAndCause() {
        GenMaskKernel.CellException e = assertThrows(GenMaskKernel.CellException.class, () -> kernel.evalRaw(
                "int x = 1;\nif (x == 1) throw new IllegalStateException(\"outer\", new java.io.IOException(\"inner\"));\nint never = 2;"));
        assertEquals("java.lang.IllegalStateException: outer", e.getMessage());
        assertEquals("java.io.IOException: inner", e.getCause().getMessage());
        String text = String.join("\n", kernel.formatError(e));
        assertTrue(text.contains("caused by java.io.IOException: inner"), text);
        // the snippet after the failing one did not run
        assertThrows(GenMaskKernel.CellException.class, () -> kernel.evalRaw("never"));
    }

    @Test
    void aCompileErrorFailsTheCell() {
        GenMaskKernel.CellException e = assertThrows(GenMaskKernel.CellException.class,
                () -> kernel.evalRaw("String s = 1 +;"));
        assertTrue(e.getMessage().startsWith("compile error in:"), e.getMessage());
        e = assertThrows(GenMaskKernel.CellException.class, () -> kernel.evalRaw("undefinedMethod(3)"));
        assertTrue(e.getMessage().contains("undefinedMethod"), e.getMessage());
    }

    @Test
    void theKernelClassPathIsTheCompilersToo() {
        assertEquals("\"| a |\\n| --- |\\n| 1 |\\n\"", kernel.evalRaw(
                "org.genmask.notebooks.kernel.Display.tableMarkdown(java.util.List.of(\"a\"), java.util.List.of(java.util.List.of(1)))"));
    }

    @Test
    void incompleteCodeIsRefused() {
        assertThrows(GenMaskKernel.CellException.class, () -> kernel.evalRaw("for (int i = 0; i < 3; i++) {"));
    }
}
