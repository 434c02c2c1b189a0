package org.genmask.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void lowerCasesAndSplitsOnNonAlphanumerics() {
        assertEquals(List.of("the", "left", "most", "red", "one"), Tokenizer.tokenize("The left-most, RED one!"));
        assertEquals(List.of("shape", "2", "of", "3"), Tokenizer.tokenize("  shape #2 of 3\t"));
        assertEquals(List.of("café", "über"), Tokenizer.tokenize("Café/ÜBER"));
        assertEquals(List.of("i", "m"), Tokenizer.tokenize("I'm"));
        assertEquals(List.of(), Tokenizer.tokenize("?! -- ..."));
        assertEquals(List.of(), Tokenizer.tokenize(""));
    }

    @Test
    void isTokenAcceptsOnlyLowerCaseWords() {
        assertTrue(Tokenizer.isToken("red"));
        assertTrue(Tokenizer.isToken("2"));
        assertFalse(Tokenizer.isToken("Red"));
        assertFalse(Tokenizer.isToken("red one"));
        assertFalse(Tokenizer.isToken(""));
        assertFalse(Tokenizer.isToken("left-most"));
    }
}
