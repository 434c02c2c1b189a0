package org.genmask.data.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.genmask.data.RelativePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopDatasetFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsWritesAndNamesFilesByUri() throws Exception {
        HadoopDatasetFiles files = new HadoopDatasetFiles(dir.toString(), new Configuration());
        assertTrue(files.root().startsWith("file:/"), files.root());
        RelativePath p = new RelativePath("images/sub/1.png");
        assertFalse(files.exists(p));
        files.write(p, new byte[] {1, 2, 3});
        assertTrue(files.exists(p));
        assertFalse(files.exists(new RelativePath("images/sub"))); // a directory is not a file
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("images/sub/1.png")));
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> files.open(new RelativePath("masks/none.png")));
        assertEquals(files.root() + "/masks/none.png: file not found", e.getMessage());
    }

    @Test
    void travelsToSparkTasksWithItsConfiguration() throws Exception {
        Configuration conf = new Configuration();
        conf.set("genmask.test.key", "kept");
        HadoopDatasetFiles files = new HadoopDatasetFiles(dir.toString(), conf);
        files.write(new RelativePath("a.txt"), new byte[] {7});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(files);
        }
        HadoopDatasetFiles copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (HadoopDatasetFiles) in.readObject();
        }
        assertEquals(files.root(), copy.root());
        assertEquals("kept", copy.configuration().get("genmask.test.key"));
        assertArrayEquals(new byte[] {7}, copy.read(new RelativePath("a.txt")));
    }
}
