package org.genmask.data.coco;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads RefCOCO, RefCOCO+ and RefCOCOg as users have them (the layout of the {@code refer} toolkit): a COCO
 * instances JSON ({@code images} with id / file_name / width / height, {@code annotations} with id / image_id /
 * segmentation, plus bbox, category_id, iscrowd and {@code categories}, which are not needed) and a refs file, a list
 * of {@code {"ref_id", "ann_id", "image_id", "split", "sentences": [{"sent": ...}, ...], ...}}.
 *
 * <p><b>Refs must be JSON.</b> The original refs files are Python pickles ({@code refs(unc).p}, {@code refs(umd).p},
 * {@code refs(google).p}); unpickling can run arbitrary code, so they are refused with this one-line conversion:
 * <pre>
 * python -c "import pickle, json; json.dump(pickle.load(open('refs(unc).p','rb')), open('refs.json','w'))"
 * </pre>
 * (if Python 3 fails to decode the Python 2 pickle, add {@code encoding='latin1'} to {@code pickle.load}).
 *
 * <p><b>Output.</b> One {@link RefImage} per (image, split), in image id order then split order, holding each
 * referred annotation once ({@link RefObject}, annotation id order) with the distinct {@code sent} strings of all its
 * refs (ref id order, then sentence order; stripped, blank ones dropped). In the unc and umd splits an image belongs
 * to one split, so it appears once; the Google split of RefCOCOg shares images between train and val, and such an
 * image appears once per split ({@link #onlySplits} picks splits).
 *
 * <p><b>Memory.</b> The refs file and the instances file are streamed one record at a time. Kept: the refs (ids,
 * split and sentences), the referenced images' metadata and the referenced annotations' masks as {@link CocoRle}
 * (about two runs per image column the object spans: a few kB each), and, while {@link #read} hands out an image,
 * that image's decoded masks (width x height bytes each). For RefCOCO (50k objects, 142k sentences) that is roughly
 * 100 MB; the instances file's other annotations are skipped as they stream past.
 *
 * <p><b>Errors</b> are detected before the first image is handed out, as {@link IllegalArgumentException}s whose one
 * line names the file, the ref or annotation id and the field, e.g. a segmentation whose RLE size is not the image
 * size or a ref whose ann_id is not in the instances file.
 */
public final class CocoRefsReader {

    private final Path instancesJson;
    private final Path refsJson;
    private final Set<String> splits;

    /** A reader of all splits. */
    public CocoRefsReader(Path instancesJson, Path refsJson) {
        this(instancesJson, refsJson, Set.of());
    }

    private CocoRefsReader(Path instancesJson, Path refsJson, Set<String> splits) {
        if (instancesJson == null || refsJson == null) {
            throw new IllegalArgumentException("instances and refs paths must not be null");
        }
        this.instancesJson = instancesJson;
        this.refsJson = refsJson;
        this.splits = Set.copyOf(splits);
    }

    /** A reader that keeps only refs of the given splits (e.g. "train"); no splits means all. */
    public CocoRefsReader onlySplits(String... wanted) {
        return new CocoRefsReader(instancesJson, refsJson, Set.of(wanted));
    }

    /**
     * Hands every image to {@code sink}, one at a time, after checking every ref.
     *
     * @throws IllegalArgumentException on malformed or inconsistent data (message names file, id and field)
     * @throws IOException              if a file cannot be read or is not well-formed JSON
     */
    public void read(Consumer<? super RefImage> sink) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<RefEntry> refs = new ArrayList<>();
        for (RefEntry r : RefsFile.read(refsJson, mapper)) {
            if (splits.isEmpty() || splits.contains(r.split())) {
                refs.add(r);
            }
        }
        refs.sort(Comparator.comparingLong(RefEntry::refId));
        Set<Long> imageIds = new HashSet<>();
        Set<Long> annIds = new HashSet<>();
        for (RefEntry r : refs) {
            imageIds.add(r.imageId());
            annIds.add(r.annId());
        }
        InstancesIndex index = InstancesIndex.scan(instancesJson, imageIds, annIds, mapper);

        // (image id, split) -> annotation id -> expressions; all refs checked before anything is handed out
        Map<GroupKey, Map<Long, Set<String>>> groups = new TreeMap<>();
        for (RefEntry r : refs) {
            check(r, index);
            groups.computeIfAbsent(new GroupKey(r.imageId(), r.split()), k -> new TreeMap<>())
                    .computeIfAbsent(r.annId(), k -> new LinkedHashSet<>())
                    .addAll(r.sentences());
        }
        for (Map.Entry<GroupKey, Map<Long, Set<String>>> g : groups.entrySet()) {
            for (Map.Entry<Long, Set<String>> o : g.getValue().entrySet()) {
                if (o.getValue().isEmpty()) {
                    long annId = o.getKey();
                    List<Long> refIds = refs.stream().filter(r -> r.annId() == annId).map(RefEntry::refId).toList();
                    throw new IllegalArgumentException(refsJson + ": ref " + refIds.get(0) + ": sentences: every sent "
                            + "is blank, and no other ref of annotation " + annId + " has one (refs " + refIds + ")");
                }
            }
        }
        for (Map.Entry<GroupKey, Map<Long, Set<String>>> g : groups.entrySet()) {
            InstancesIndex.Image image = index.image(g.getKey().imageId());
            List<RefObject> objects = new ArrayList<>(g.getValue().size());
            for (Map.Entry<Long, Set<String>> o : g.getValue().entrySet()) {
                BinaryMask mask = index.annotation(o.getKey()).rle().decode();
                objects.add(new RefObject(o.getKey(), mask, List.copyOf(o.getValue())));
            }
            sink.accept(new RefImage(image.id(), image.fileName(), g.getKey().split(), image.width(), image.height(),
                    objects));
        }
    }

    /** All images in a list: for small sets and tests (every decoded mask stays in memory). */
    public List<RefImage> readAll() throws IOException {
        List<RefImage> out = new ArrayList<>();
        read(out::add);
        return out;
    }

    private void check(RefEntry r, InstancesIndex index) {
        String where = refsJson + ": ref " + r.refId();
        InstancesIndex.Annotation a = index.annotation(r.annId());
        if (a == null) {
            throw new IllegalArgumentException(where + ": ann_id: annotation " + r.annId() + " is not in "
                    + instancesJson);
        }
        if (a.imageId() != r.imageId()) {
            throw new IllegalArgumentException(where + ": image_id: " + r.imageId() + ", but annotation " + r.annId()
                    + " belongs to image " + a.imageId() + " in " + instancesJson);
        }
        if (index.image(r.imageId()) == null) {
            throw new IllegalArgumentException(where + ": image_id: image " + r.imageId() + " is not in the images of "
                    + instancesJson);
        }
    }

    /** Groups are ordered by image id, then split. */
    private record GroupKey(long imageId, String split) implements Comparable<GroupKey> {
        @Override
        public int compareTo(GroupKey o) {
            int c = Long.compare(imageId, o.imageId);
            return c != 0 ? c : split.compareTo(o.split);
        }
    }
}
