package org.genmask.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimestepSamplerSpecTest {

    @Test
    void canonicalSpecs() {
        assertEquals("logit_normal(mean=0,std=1)", LogitNormalTimestepSampler.DEFAULT.spec());
        assertEquals("genmask(a=0.05)", GenMaskTimestepSampler.DEFAULT.spec());
        assertEquals("uniform", new UniformTimestepSampler().spec());
        assertEquals("logit_normal(mean=-0.5,std=2)", new LogitNormalTimestepSampler(-0.5, 2).spec());
        assertEquals("logit_normal(mean=0,std=1)", new LogitNormalTimestepSampler(-0.0, 1).spec());
    }

    @Test
    void parsesTheDocumentedForms() {
        assertEquals(LogitNormalTimestepSampler.DEFAULT, TimestepSampler.parse("logit_normal(mean=0,std=1)"));
        assertEquals(GenMaskTimestepSampler.DEFAULT, TimestepSampler.parse("genmask(a=0.05)"));
        assertEquals(new UniformTimestepSampler(), TimestepSampler.parse("uniform"));
        assertEquals(new GenMaskTimestepSampler(0.1), TimestepSampler.parse("  genmask ( a = 1e-1 )  "));
        assertEquals(new LogitNormalTimestepSampler(0.3, 1), TimestepSampler.parse("logit_normal(mean=.3)"));
        assertEquals(new LogitNormalTimestepSampler(0, 2), TimestepSampler.parse("logit_normal(std=+2.)"));
        assertEquals(GenMaskTimestepSampler.DEFAULT, TimestepSampler.parse("genmask"));
        assertEquals(GenMaskTimestepSampler.DEFAULT, TimestepSampler.parse("genmask()"));
        assertEquals(new UniformTimestepSampler(), TimestepSampler.parse("uniform()"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.1, 0.5, 1e-7, 0.30000000000000004, 123456.789, 3, 2.5e20, Double.MIN_VALUE})
    void roundTripsExactly(double v) {
        TimestepSampler[] samplers = {new GenMaskTimestepSampler(v), new LogitNormalTimestepSampler(-v, v),
                new LogitNormalTimestepSampler(v, 1)};
        for (TimestepSampler sampler : samplers) {
            TimestepSampler parsed = TimestepSampler.parse(sampler.spec());
            assertEquals(sampler, parsed, sampler.spec());
            assertEquals(sampler.spec(), parsed.spec());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "genmsk(a=0.05)|unknown sampler name 'genmsk'",
            "genmask(b=0.05)|unknown parameter 'b' for genmask (allowed: a)",
            "uniform(a=1)|unknown parameter 'a' for uniform (it takes none)",
            "genmask(a=0.05|missing ')' at the end",
            "genmask(a=0.05,)|empty parameter",
            "genmask(a)|parameter 'a' is not key=value",
            "genmask(a=1=2)|parameter 'a=1=2' is not key=value",
            "genmask(a=x)|parameter a has a non-numeric value 'x'",
            "genmask(a=NaN)|parameter a has a non-numeric value 'NaN'",
            "genmask(a=0x1p3)|parameter a has a non-numeric value '0x1p3'",
            "logit_normal(std=1,std=2)|parameter std given twice",
            "logit_normal(std=0)|logit_normal std must be finite and > 0, got 0.0",
            "genmask(a=-0.05)|genmask a must be finite and > 0, got -0.05",
            "genmask((a=1))|unexpected parenthesis",
            "(a=1)|bad sampler name ''",
            "9lives|bad sampler name '9lives'",
            "logit normal|bad sampler name 'logit normal'",
            "LOGIT_NORMAL|unknown sampler name 'LOGIT_NORMAL'",
    })
    void malformedSpecsNameTheBadTokenAndListValidForms(String spec, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimestepSampler.parse(spec));
        String message = e.getMessage();
        assertTrue(message.startsWith("bad timestep sampler spec '" + spec + "': "), message);
        assertTrue(message.contains(problem), message);
        assertTrue(message.endsWith("; valid forms: " + TimestepSamplerSpec.VALID_FORMS), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void blankAndNullSpecsAreRejected() {
        IllegalArgumentException blank =
                assertThrows(IllegalArgumentException.class, () -> TimestepSampler.parse("  "));
        assertTrue(blank.getMessage().contains("bad sampler name ''"), blank.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> TimestepSampler.parse(null));
        assertTrue(none.getMessage().contains("must not be null"), none.getMessage());
        assertTrue(none.getMessage().contains(TimestepSamplerSpec.VALID_FORMS), none.getMessage());
    }
}
