package org.genmask.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeftRightFlipTest {

    @Test
    void swapsWholeWordsKeepingCaseAndPunctuation() {
        assertEquals("the circle on the right", LeftRightFlip.flip("the circle on the left"));
        assertEquals("The Rightmost square, LEFT of the star",
                LeftRightFlip.flip("The Leftmost square, RIGHT of the star"));
        assertEquals("Right-most; left-hand side", LeftRightFlip.flip("Left-most; right-hand side"));
        assertEquals("moving rightwards, leftward", LeftRightFlip.flip("moving leftwards, rightward"));
        assertEquals("bright cleft lefty", LeftRightFlip.flip("bright cleft lefty"), "only whole words");
        assertEquals("no change", LeftRightFlip.flip("no change"));
    }

    @Test
    void isAnInvolution() {
        for (String s : List.of("the leftmost red shape", "Right of the LEFT circle", "left-right", "x")) {
            assertEquals(s, LeftRightFlip.flip(LeftRightFlip.flip(s)));
        }
    }

    @Test
    void tokensFlipLikeText() {
        String s = "The leftmost circle, right of the square";
        assertEquals(Tokenizer.tokenize(LeftRightFlip.flip(s)), LeftRightFlip.flipTokens(Tokenizer.tokenize(s)));
        assertTrue(LeftRightFlip.mentionsLeftOrRight(s));
        assertFalse(LeftRightFlip.mentionsLeftOrRight("the upper circle"));
    }
}
