package org.genmask.data.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genmask.data.RelativePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDatasetFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesCreatingDirectoriesAndReadsBack() throws Exception {
        LocalDatasetFiles files = new LocalDatasetFiles(dir.resolve("ds"));
        RelativePath p = new RelativePath("masks/a/000001_0.png");
        assertFalse(files.exists(p));
        files.write(p, new byte[] {1, 2, 3});
        assertTrue(files.exists(p));
        assertTrue(Files.isRegularFile(dir.resolve("ds/masks/a/000001_0.png")));
        assertArrayEquals(new byte[] {1, 2, 3}, files.read(p));
        assertFalse(files.exists(new RelativePath("masks")), "a directory is not a file");
    }

    @Test
    void rootIsAFileUriAndMissingFilesAreNamed() {
        LocalDatasetFiles files = new LocalDatasetFiles(dir);
        assertTrue(files.root().startsWith("file:"), files.root());
        RelativePath p = new RelativePath("images/none.png");
        assertEquals(dir.toUri() + "images/none.png", files.uri(p));
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> files.read(p));
        assertEquals(files.uri(p) + ": file not found", e.getMessage());
    }
}
