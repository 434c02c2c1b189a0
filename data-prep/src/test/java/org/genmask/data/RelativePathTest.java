package org.genmask.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelativePathTest {

    @Test
    void acceptsPlainRelativePaths() {
        assertNull(RelativePath.problem("images/000001.png"));
        assertNull(RelativePath.problem("a.png"));
        assertNull(RelativePath.problem("masks/sub dir/x..y.png"));
        assertEquals("000001.png", new RelativePath("images/000001.png").fileName());
    }

    @Test
    void refusesPathsThatLeaveTheRoot() {
        assertTrue(RelativePath.problem("/etc/passwd").startsWith("absolute path not allowed"));
        assertTrue(RelativePath.problem("s3a://bucket/x.png").startsWith("absolute path (scheme or drive)"));
        assertTrue(RelativePath.problem("C:/x.png").startsWith("absolute path (scheme or drive)"));
        assertEquals("path escapes the dataset root (..): images/../../x.png",
                RelativePath.problem("images/../../x.png"));
        assertTrue(RelativePath.problem("..").contains("escapes"));
        assertTrue(RelativePath.problem("images\\x.png").startsWith("backslash"));
        assertTrue(RelativePath.problem("images//x.png").startsWith("empty or '.'"));
        assertTrue(RelativePath.problem("./x.png").startsWith("empty or '.'"));
        assertTrue(RelativePath.problem("images/").startsWith("empty or '.'"));
        assertEquals("empty path", RelativePath.problem(""));
        assertEquals("empty path", RelativePath.problem(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RelativePath("../x"));
        assertEquals("path escapes the dataset root (..): ../x", e.getMessage());
    }

    @Test
    void resolvesAgainstLocalAndObjectStoreRoots() {
        RelativePath p = new RelativePath("images/000001.png");
        assertEquals("s3a://bucket/data/images/000001.png", p.resolveAgainst("s3a://bucket/data/"));
        assertEquals("s3a://bucket/images/000001.png", p.resolveAgainst("s3a://bucket"));
        assertEquals("file:///tmp/ds/images/000001.png", p.resolveAgainst("file:///tmp/ds//"));
        assertEquals("/images/000001.png", p.resolveAgainst("/"));
    }
}
