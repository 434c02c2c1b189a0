package org.genmask.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Choosing between the eager code and the graph (the tests run on the CPU backend). */
class EngineTest {

    @Test
    void parsesTheThreeNamesAndNamesTheKeyOtherwise() {
        assertEquals(Engine.AUTO, Engine.parse("config key 'step_engine'", "auto"));
        assertEquals(Engine.EAGER, Engine.parse("config key 'step_engine'", "eager"));
        assertEquals(Engine.GRAPH, Engine.parse("config key 'step_engine'", "graph"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Engine.parse("config key 'step_engine'", "Eager"));
        assertTrue(e.getMessage().contains("'step_engine'") && e.getMessage().contains("'Eager'"), e.getMessage());
    }

    @Test
    void autoTakesEagerOnlyForModelsItCovers() {
        assertEquals(Engine.EAGER, Engine.AUTO.resolve("k", true, "m"));
        assertEquals(Engine.GRAPH, Engine.AUTO.resolve("k", false, "m"));
        assertEquals(Engine.GRAPH, Engine.GRAPH.resolve("k", true, "m"));
        assertEquals(Engine.EAGER, Engine.EAGER.resolve("k", true, "m"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Engine.EAGER.resolve("config key 'step_engine'", false, "class-conditional DiTs"));
        assertTrue(e.getMessage().contains("class-conditional DiTs") && e.getMessage().contains("graph"),
                e.getMessage());
    }
}
