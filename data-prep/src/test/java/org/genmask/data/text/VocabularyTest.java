package org.genmask.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.genmask.data.local.LocalDatasetFiles;
import org.genmask.dit.TextTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    private static final List<String> TEXTS = List.of("the red circle", "The small red square", "the square",
            "a blue circle");

    @TempDir
    Path dir;

    @Test
    void idsFollowCountThenWordFromFirstWord() {
        Vocabulary v = Vocabulary.build(TEXTS, 1, 100);
        assertEquals(List.of("the", "circle", "red", "square", "a", "blue", "small"), v.words());
        assertEquals(TextTokens.FIRST_WORD, v.id("the"));
        assertEquals(3, v.count("the"));
        assertEquals(TextTokens.UNKNOWN, v.id("green"));
        assertEquals(0, v.count("green"));
        assertEquals(3 + 7, v.size());
        assertEquals("<pad>", v.word(TextTokens.PAD));
        assertEquals("<null>", v.word(TextTokens.NULL));
        assertEquals("<unk>", v.word(TextTokens.UNKNOWN));
        assertEquals("circle", v.word(4));
        assertEquals(v, Vocabulary.build(List.of("a blue circle", "the square", "The small red square",
                "the red circle"), 1, 100), "order of texts does not matter");
    }

    @Test
    void minCountAndMaxWordsLimitTheTable() {
        assertEquals(List.of("the", "circle", "red", "square"), Vocabulary.build(TEXTS, 2, 100).words());
        assertEquals(List.of("the", "circle"), Vocabulary.build(TEXTS, 1, 2).words());
    }

    @Test
    void jsonRoundTripsThroughDatasetFiles() throws IOException {
        Vocabulary v = Vocabulary.build(TEXTS, 1, 100);
        LocalDatasetFiles files = new LocalDatasetFiles(dir);
        v.write(files);
        assertEquals(v, Vocabulary.read(files));
        String json = v.toJson();
        assertTrue(json.contains("\"words\" : {\n    \"the\" : 3,"), json);
        assertEquals(json, Vocabulary.read(files).toJson());
    }

    @Test
    void badFilesNameTheField() {
        String ok = Vocabulary.build(List.of("a b"), 1, 10).toJson();
        assertBad(ok.replace("\"b\" : 4", "\"b\" : 3"), "vocabulary.json: words.b: id 3 used twice (also \"a\")");
        assertBad(ok.replace("\"b\" : 4", "\"b\" : 9"), "vocabulary.json: words.b: id must be an integer in 3..4,"
                + " got 9");
        assertBad(ok.replace("\"<null>\" : 1", "\"<null>\" : 5"), "vocabulary.json: reserved.<null>: must be 1"
                + " (org.genmask.dit.TextTokens), got 5");
        assertBad(ok.replace("\"words\" : {\n    \"a\"", "\"words\" : {\n    \"A\""),
                "vocabulary.json: words.A: not a token (lower-case letters and digits)");
        assertBad("[]", "vocabulary.json: not a JSON object");
    }

    private static void assertBad(String json, String message) {
        IOException e = assertThrows(IOException.class, () -> Vocabulary.fromJson("vocabulary.json", json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void encoderPadsTruncatesAndReportsUnknownWords() {
        Vocabulary v = Vocabulary.build(TEXTS, 1, 100);
        TextEncoder enc = new TextEncoder(v, 4);
        EncodedText red = enc.encode("The RED circle!");
        assertArrayEquals(new int[] {3, 5, 4, TextTokens.PAD}, red.ids());
        assertArrayEquals(new float[] {1, 1, 1, 0}, red.mask());
        assertEquals(3, red.length());
        assertTrue(!red.truncated() && !red.isEmpty());
        EncodedText longer = enc.encode("the small green square on the left");
        assertEquals(4, longer.length());
        assertEquals(7, longer.tokenCount());
        assertTrue(longer.truncated());
        assertEquals(1, longer.unknownCount());
        assertArrayEquals(new int[] {3, 9, TextTokens.UNKNOWN, 6}, longer.ids());
        EncodedText empty = enc.encode("?!");
        assertTrue(empty.isEmpty());
        assertArrayEquals(new float[4], empty.mask());
        assertEquals("no words (letters or digits) in \"?!\"", TextEncoder.rejection("?!"));
        assertEquals(null, TextEncoder.rejection("ok"));
        EncodedText nul = enc.nullText();
        assertArrayEquals(new int[] {TextTokens.NULL, 0, 0, 0}, nul.ids());
        assertArrayEquals(new float[] {1, 0, 0, 0}, nul.mask());
    }
}
