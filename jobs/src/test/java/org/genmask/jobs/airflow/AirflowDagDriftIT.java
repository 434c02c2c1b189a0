package org.genmask.jobs.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.genmask.jobs.airflow.DagSource.SubmitTask;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Airflow DAG against the built artifacts (the classic drift bug): every class it submits is in the shaded
 * {@code genmask-jobs.jar}, every jar and conf file it names exists, every {@code --key=} it passes is a key of that
 * job's config, every {@code params.X} it renders is declared, and the file compiles (python3, when installed).
 *
 * <p>Classes other branches are writing are listed in {@link #PENDING}: while one is absent from the jar its checks
 * are reported as skipped (aborted) with the issue that brings it, never passed; once it is in the jar it is checked
 * like any other. {@code -Dgenmask.dag.strict=true} ({@code ci/dag-check.sh --strict}) fails them instead.
 */
class AirflowDagDriftIT {
    static final Path REPO = Path.of(System.getProperty("genmask.repo", "..")).toAbsolutePath().normalize();
    static final Path DAG = REPO.resolve("jobs/airflow/genmask_pipeline.py");
    /** Submitted classes expected to land from other branches, with where they come from. */
    static final Map<String, String> PENDING = Map.of(); // none: every class the DAG submits has landed
    /** Each submitted class's config class, whose static defaults() lists the keys it accepts. */
    static final Map<String, String> CONFIGS = Map.of(
            "org.genmask.jobs.train.TrainJob", "org.genmask.jobs.train.TrainJobConfig",
            "org.genmask.jobs.validate.ValidateLatentsJob", "org.genmask.jobs.validate.ValidateLatentsJob",
            "org.genmask.data.jobs.PrecomputeLatentsJob", "org.genmask.data.jobs.PrecomputeConfig",
            "org.genmask.jobs.eval.EvaluateJob", "org.genmask.jobs.eval.EvaluateJobConfig");
    private static final Pattern FQCN = Pattern.compile("org\\.genmask(\\.[a-z_][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_]*");
    private static final Pattern CONF = Pattern.compile("conf/[A-Za-z0-9_./-]+\\.(conf|properties|sh)");

    private static Path jar() {
        Path jar = Path.of(System.getProperty("genmask.jobs.jar", REPO + "/jobs/target/genmask-jobs.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: mvn -B -DskipTests package builds it");
        return jar;
    }

    private static Set<String> jarClasses() throws Exception {
        Set<String> out = new TreeSet<>();
        try (JarFile j = new JarFile(jar().toFile())) {
            j.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/genmask/") && n.endsWith(".class"))
                    .forEach(n -> out.add(n.substring(0, n.length() - 6).replace('/', '.')));
        }
        return out;
    }

    private static void pendingOrFail(String cls, String what) {
        String issue = PENDING.get(cls);
        if (issue != null && !Boolean.getBoolean("genmask.dag.strict")) {
            Assumptions.abort(cls + " is not in genmask-jobs.jar yet (" + issue + "): " + what + " unchecked");
        }
        throw new AssertionError(DAG + ": " + cls + " is not in " + jar() + (issue == null ? "" : " (pending: "
                + issue + ")") + "; " + what);
    }

    @Test
    void everySparkSubmitNamesItsClassAsALiteral() throws Exception {
        DagSource dag = new DagSource(DAG);
        List<SubmitTask> tasks = dag.submitTasks();
        assertEquals(4, tasks.size(), DAG + ": expected precompute, validate, train and evaluate, got " + tasks);
        for (SubmitTask t : tasks) {
            String where = DAG + " line " + t.line() + " (" + t.taskId() + ")";
            assertTrue(t.javaClass() != null && FQCN.matcher(t.javaClass()).matches(), where
                    + ": java_class must be a literal class name, got " + t.javaClass());
            assertTrue(t.application() != null, where + ": no application");
            assertTrue(t.propertiesFile() != null, where + ": no properties_file");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyClassIsInTheShadedJar() throws Exception {
        DagSource dag = new DagSource(DAG);
        Set<String> names = new LinkedHashSet<>();
        for (DagSource.Literal l : dag.literals) {
            Matcher m = FQCN.matcher(l.text());
            while (m.find()) {
                names.add(m.group());
            }
        }
        Set<String> inJar = jarClasses();
        return names.stream().map(cls -> DynamicTest.dynamicTest(cls, () -> {
            if (!inJar.contains(cls)) {
                pendingOrFail(cls, "its task cannot start");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyJarAndConfFileExists() throws Exception {
        DagSource dag = new DagSource(DAG);
        Map<String, String> constants = dag.constants();
        String home = REPO.toString();
        Set<String> paths = new LinkedHashSet<>();
        for (DagSource.Literal l : dag.literals) {
            String text = l.fString() ? dag.resolve(l.text(), constants, home) : l.text();
            if (text.endsWith(".jar")) {
                paths.add(text);
            }
            Matcher m = CONF.matcher(text);
            while (m.find()) {
                paths.add(home + "/" + m.group());
            }
        }
        assertTrue(paths.stream().anyMatch(p -> p.endsWith(".jar")), DAG + " names no jar");
        List<DynamicTest> tests = new ArrayList<>();
        for (String p : paths) {
            tests.add(DynamicTest.dynamicTest(REPO.relativize(Path.of(p)).toString(), () -> assertTrue(
                    Files.isRegularFile(Path.of(p)), DAG + " names " + p + ", which does not exist"
                            + (p.endsWith(".jar") ? " (mvn -B -DskipTests package)" : ""))));
        }
        for (SubmitTask t : dag.submitTasks()) {
            for (String value : new String[] {t.application(), t.propertiesFile()}) {
                String v = value.startsWith("$") ? constants.get(value.substring(1)) : value;
                String resolved = v == null ? null : dag.resolve(v, constants, home);
                tests.add(DynamicTest.dynamicTest(t.taskId() + " " + value, () -> assertTrue(resolved != null
                        && Files.isRegularFile(Path.of(resolved)), DAG + " line " + t.line() + ": " + value
                        + " is not a file of the repository")));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyArgumentIsAKeyOfItsJob() throws Exception {
        DagSource dag = new DagSource(DAG);
        Set<String> inJar = jarClasses();
        List<DynamicTest> tests = new ArrayList<>();
        for (SubmitTask t : dag.submitTasks()) {
            tests.add(DynamicTest.dynamicTest(t.taskId() + " " + t.args(), () -> {
                String configClass = CONFIGS.get(t.javaClass());
                assertTrue(configClass != null, AirflowDagDriftIT.class.getSimpleName() + ".CONFIGS lacks "
                        + t.javaClass());
                if (!inJar.contains(configClass)) {
                    pendingOrFail(t.javaClass(), "its config " + configClass + " is missing, the arguments of "
                            + t.taskId() + " are unchecked");
                }
                Set<String> keys = keysOf(configClass);
                for (String arg : t.args()) {
                    String key = arg.substring(2, arg.indexOf('=') < 0 ? arg.length() : arg.indexOf('='));
                    assertTrue(key.equals("config") || keys.contains(key), DAG + " line " + t.line() + ": "
                            + t.taskId() + " passes --" + key + ", which " + configClass + " does not define");
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void everyRenderedParamIsDeclared() throws Exception {
        DagSource dag = new DagSource(DAG);
        Set<String> declared = new TreeSet<>();
        Matcher d = Pattern.compile("\"([a-z_]+)\":\\s*Param\\(").matcher(dag.code);
        while (d.find()) {
            declared.add(d.group(1));
        }
        for (DagSource.Literal l : dag.literals) {
            Matcher m = Pattern.compile("params\\.([A-Za-z_]+)").matcher(l.text());
            while (m.find()) {
                assertTrue(declared.contains(m.group(1)), DAG + " line " + dag.line(l.offset()) + ": params."
                        + m.group(1) + " is not declared in params " + declared);
            }
        }
    }

    @Test
    void theDagCompiles() throws Exception {
        try {
            new ProcessBuilder("python3", "--version").start().waitFor();
        } catch (java.io.IOException e) {
            Assumptions.abort("python3 is not installed: ci/dag-check.sh compiles the DAG where it is");
        }
        Path out = Files.createTempFile("genmask_pipeline", ".pyc");
        Process p = new ProcessBuilder("python3", "-c", "import py_compile, sys; py_compile.compile(sys.argv[1],"
                + " cfile=sys.argv[2], doraise=True)", DAG.toString(), out.toString()).redirectErrorStream(true)
                .start();
        String msg = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), DAG + " does not compile: " + msg);
    }

    /** The keys a job config class accepts: its static {@code defaults()}, loaded from the shaded jar. */
    @SuppressWarnings("unchecked")
    private static Set<String> keysOf(String configClass) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar().toUri().toURL()},
                AirflowDagDriftIT.class.getClassLoader())) {
            Class<?> c = Class.forName(configClass, true, loader);
            return Set.copyOf(((Map<String, String>) c.getMethod("defaults").invoke(null)).keySet());
        }
    }
}
