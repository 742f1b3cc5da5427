package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.coverage.CoverageException;
import io.jenkins.plugins.slipway.engine.coverage.CoverageReader;
import io.jenkins.plugins.slipway.engine.coverage.CoverageReport;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Coverage;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Duplication;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.FileSize;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.GateResult;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.LanguageSize;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Size;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.SkippedFile;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violation;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violations;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.AnalyserRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The metrics stage: one walk over the sources feeds the size count, PMD (Java, JavaScript) and CPD (Java, Python,
 * JavaScript); CPD runs beside PMD so both cores work. Coverage comes from {@code engine.coverage}. The gate judges
 * the figures; the reports (result JSON, PMD XML, CPD XML, SARIF, HTML) go to the output directory.
 */
public final class MetricsService {
    static final String RESULT_FILE = "metrics.json";

    static {
        // PMD's parsers log recoverable source problems straight to SLF4J; they reach the user as skipped files or
        // not at all, never as unprefixed stderr lines in the build log.
        if (System.getProperty("org.slf4j.simpleLogger.log.net.sourceforge.pmd") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.net.sourceforge.pmd", "error");
        }
    }

    /** Where the Python analysers are looked for: the engine's {@code PATH}. */
    private final String path;

    public MetricsService() {
        this(System.getenv("PATH"));
    }

    /** With another search path for the Python analysers (tests). */
    MetricsService(String path) {
        this.path = path;
    }

    /** Reads and counts one file; package-private for tests. */
    record SourceFile(Path path, String relative, SizeLanguage language, String text, LineCounter.Counts counts) {
    }

    public MetricsResult run(MetricsRequest request, TaskContext context) throws MetricsException,
            InterruptedException {
        long start = System.nanoTime();
        Log log = context.log();
        Path workDir = context.workDir();
        Path outputDir = context.resolve(request.outputDir());
        // a baseline the request names must be readable before anything runs: a mistyped one would otherwise turn
        // the delta gates off without a word (only the adapter's automatic baseline may be absent: then it names none)
        JsonNode baselineRoot = request.baseline() == null ? null : readBaseline(request.baseline(), context);
        List<Path> roots = new ArrayList<>();
        for (String root : request.sourceRoots()) {
            Path resolved = context.resolve(root);
            if (!Files.exists(resolved)) {
                throw new MetricsException(Kind.BAD_INPUT, "sourceRoots: '" + root + "' does not exist under "
                        + workDir + "; name directories relative to the workspace");
            }
            roots.add(resolved);
        }
        List<String> excludes = new ArrayList<>(request.excludes());
        if (outputDir.startsWith(workDir)) {
            excludes.add(SourceWalk.relative(workDir, outputDir) + "/**");
        }
        excludes.add("slipway/**");
        // reports are the run's output, never code: the coverage reports and earlier steps' reports named here
        excludes.addAll(request.coverageReports());
        excludes.addAll(request.reports());
        List<Path> paths;
        try {
            paths = SourceWalk.files(workDir, roots, request.includes(), excludes);
        } catch (IOException e) {
            throw new MetricsException(Kind.ENVIRONMENT, "Cannot list the source files under " + roots + ": "
                    + e.getMessage(), e);
        }
        List<SkippedFile> skipped = new ArrayList<>();
        List<SourceFile> sources = new ArrayList<>();
        for (Path path : paths) {
            SizeLanguage language = SizeLanguage.of(path.getFileName().toString());
            if (language == null) {
                continue;
            }
            String relative = SourceWalk.relative(workDir, path);
            try {
                String text = decode(Files.readAllBytes(path));
                if (language == SizeLanguage.XML && SourceWalk.isToolReport(text)) {
                    log.debug("Not counted as code (a test, coverage or analysis report): " + relative);
                    continue;
                }
                sources.add(new SourceFile(path, relative, language, text, LineCounter.count(language, text)));
            } catch (IOException e) {
                skipped.add(new SkippedFile(relative, "size", "unreadable: " + e.getMessage()));
            }
        }
        log.info("Measuring " + sources.size() + " source files under " + request.sourceRoots());
        Size size = size(sources);
        try {
            SafeOutput.directory(workDir, outputDir);
        } catch (IOException e) {
            throw new MetricsException(Kind.ENVIRONMENT, "outputDir: cannot use the output directory " + outputDir
                    + ": " + e.getMessage(), e);
        }
        Map<String, String> reports = new LinkedHashMap<>();
        Path pmdXml = outputDir.resolve("pmd.xml");
        Path pmdSarif = outputDir.resolve("pmd.sarif.json");
        Path cpdXml = outputDir.resolve("cpd.xml");
        Analysis analysis = analyse(request, workDir, sources, path, log);
        CpdRunner cpd = new CpdRunner(workDir, request.cpdMinimumTokens(), log);
        ExecutorService executor = Executors.newFixedThreadPool(1 + analysis.python().size(), r -> {
            Thread t = new Thread(r, "slipway-analyser");
            t.setDaemon(true);
            return t;
        });
        PmdRunner.Outcome pmdOutcome = new PmdRunner.Outcome(false, List.of(), Map.of(), List.of());
        CpdRunner.Outcome cpdOutcome;
        List<Findings.Raw> raw = new ArrayList<>();
        List<AnalyserRun> runs = new ArrayList<>(analysis.notRun());
        log.waitingFor("analysing " + sources.size() + " source files with PMD and CPD");
        try {
            CompletableFuture<CpdRunner.Outcome> cpdFuture = CompletableFuture.supplyAsync(() -> {
                try {
                    return cpd.run(sources, cpdXml);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, executor);
            Map<PythonAnalysers.Tool, java.util.concurrent.Future<List<Findings.Raw>>> python = new LinkedHashMap<>();
            Map<PythonAnalysers.Tool, Long> pythonMillis = new java.util.concurrent.ConcurrentHashMap<>();
            for (Map.Entry<PythonAnalysers.Tool, List<String>> e : analysis.python().entrySet()) {
                PythonAnalysers.Tool tool = e.getKey();
                Path report = outputDir.resolve(tool.reportFile);
                python.put(tool, executor.submit(() -> {
                    long toolStart = System.nanoTime();
                    List<Findings.Raw> found = PythonAnalysers.run(tool, e.getValue(), analysis.pythonFiles(),
                            workDir, report, request.trustRepositoryConfig(), log);
                    pythonMillis.put(tool, millisSince(toolStart));
                    return found;
                }));
            }
            if (analysis.pmd()) {
                long pmdStart = System.nanoTime();
                pmdOutcome = new PmdRunner(workDir, request, log).run(sources, pmdXml, pmdSarif);
                raw.addAll(pmdOutcome.all());
                runs.add(0, new AnalyserRun("pmd", "RAN", pmdOutcome.all().size(), null, millisSince(pmdStart)));
            }
            for (Map.Entry<PythonAnalysers.Tool, java.util.concurrent.Future<List<Findings.Raw>>> e
                    : python.entrySet()) {
                List<Findings.Raw> found = pythonResult(e.getValue());
                raw.addAll(found);
                String file = SourceWalk.relative(workDir, outputDir.resolve(e.getKey().reportFile));
                reports.put(e.getKey().id, file);
                runs.add(new AnalyserRun(e.getKey().id, "RAN", found.size(), file, pythonMillis.get(e.getKey())));
            }
            cpdOutcome = cpdFuture.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            throw new MetricsException(Kind.ENVIRONMENT, "CPD failed on " + request.sourceRoots() + ": "
                    + cause.getMessage() + "; check the output directory " + outputDir + " is writable", cause);
        } finally {
            executor.shutdownNow();
        }
        raw.addAll(ingest(request, workDir, outputDir, runs, log));
        skipped.addAll(pmdOutcome.skipped());
        skipped.addAll(cpdOutcome.skipped());
        if (pmdOutcome.ran()) {
            reports.put("pmdXml", SourceWalk.relative(workDir, pmdXml));
            reports.put("pmdSarif", SourceWalk.relative(workDir, pmdSarif));
        }
        reports.put("cpdXml", SourceWalk.relative(workDir, cpdXml));
        for (SkippedFile s : skipped) {
            log.warn("Skipped " + s.file() + " (" + s.tool() + "): " + s.reason());
        }
        Map<String, String> texts = new java.util.HashMap<>();
        for (SourceFile f : sources) {
            texts.put(f.relative(), f.text());
        }
        // the SARIF report keeps each tool's own findings; counts and gates see one finding per problem and line
        List<Violation> perTool = Findings.fingerprint(SameProblem.prioritise(raw), workDir, texts);
        List<Violation> findings = Findings.fingerprint(SameProblem.merge(raw), workDir, texts);
        Path sarif = outputDir.resolve("findings.sarif.json");
        try {
            SarifWriter.write(sarif, perTool, workDir);
        } catch (IOException e) {
            throw new MetricsException(Kind.ENVIRONMENT, "Cannot write the SARIF report " + sarif + ": "
                    + e.getMessage(), e);
        }
        reports.put("sarif", SourceWalk.relative(workDir, sarif));
        log.info("Analysers: " + describe(runs));
        Violations violations = Findings.summarise(findings, pmdOutcome.ruleLanguages(), size.codeLines());
        Duplication duplication = cpdOutcome.duplication();
        Coverage coverage = coverage(request, context);

        QualityGate.Baseline baseline = null;
        String baselineNote;
        if (baselineRoot != null) {
            baseline = QualityGate.Baseline.of(baselineRoot);
            baselineNote = "Compared with baseline " + request.baseline();
        } else {
            baselineNote = QualityGate.notEvaluatedDeltaNote(request.gates(),
                    "No baseline (no earlier result to compare with)");
            if (baselineNote != null) {
                log.warn(baselineNote);
            } else {
                baselineNote = "No baseline was given";
            }
        }
        List<GateResult> gates = new QualityGate(request.gates()).judge(violations, duplication, coverage,
                size.codeLines(), baseline, baselineNote);
        Outcome outcome = Outcome.PASSED;
        for (GateResult gate : gates) {
            if (!gate.passed()) {
                outcome = outcome.and(gate.effect());
                log.warn(gate.message());
            }
        }
        String summary = summary(size, violations, duplication, coverage, gates, skipped);
        reports.put("html", SourceWalk.relative(workDir, outputDir.resolve("index.html")));
        reports.put("json", SourceWalk.relative(workDir, outputDir.resolve(RESULT_FILE)));
        MetricsResult result = new MetricsResult(outcome, summary, size, violations, duplication, coverage, gates,
                baselineNote, skipped, runs, reports, (System.nanoTime() - start) / 1_000_000);
        try {
            MetricsHtmlReport.write(outputDir.resolve("index.html"), result, baselineRoot, workDir);
            Json.writeFile(outputDir.resolve(RESULT_FILE), result);
        } catch (IOException e) {
            throw new MetricsException(Kind.ENVIRONMENT, "Cannot write the metrics reports to " + outputDir + ": "
                    + e.getMessage(), e);
        }
        log.info(summary);
        return result;
    }

    /**
     * The baseline's result object (the {@code result} of a CLI envelope, or a bare result); a file that is missing,
     * unreadable or not a JSON object is bad input naming the file.
     */
    static JsonNode readBaseline(String name, TaskContext context) throws MetricsException {
        Path file = context.resolve(name);
        String problem;
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            if (node != null && node.isObject()) {
                return node.has("result") && node.get("result").isObject() ? node.get("result") : node;
            }
            problem = "it does not hold a JSON object";
        } catch (IOException e) {
            problem = Files.exists(file) ? "it cannot be read: " + e.getMessage() : "no such file";
        }
        throw new MetricsException(Kind.BAD_INPUT, "baseline: '" + name + "' (" + file + "): " + problem
                + "; name the result JSON of an earlier run (its --json envelope or slipway/metrics/metrics.json),"
                + " or leave baseline out to run without the delta gates");
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static Size size(List<SourceFile> sources) {
        Map<SizeLanguage, long[]> byLanguage = new EnumMap<>(SizeLanguage.class);
        long code = 0;
        long comment = 0;
        long blank = 0;
        for (SourceFile f : sources) {
            long[] sums = byLanguage.computeIfAbsent(f.language(), l -> new long[4]);
            sums[0]++;
            sums[1] += f.counts().code();
            sums[2] += f.counts().comment();
            sums[3] += f.counts().blank();
            code += f.counts().code();
            comment += f.counts().comment();
            blank += f.counts().blank();
        }
        List<LanguageSize> languages = new ArrayList<>();
        byLanguage.forEach((l, s) -> languages.add(new LanguageSize(l.displayName, (int) s[0], s[1], s[2], s[3])));
        languages.sort(Comparator.comparingLong(LanguageSize::codeLines).reversed()
                .thenComparing(LanguageSize::language));
        List<FileSize> largest = sources.stream()
                .sorted(Comparator.comparingInt((SourceFile f) -> f.counts().code()).reversed()
                        .thenComparing(SourceFile::relative))
                .limit(20).map(f -> new FileSize(f.relative(), f.language().displayName, f.counts().code())).toList();
        return new Size(sources.size(), code, comment, blank, languages, largest);
    }

    private static Coverage coverage(MetricsRequest request, TaskContext context) throws MetricsException {
        if (request.coverageReports().isEmpty()) {
            return null;
        }
        Path workDir = context.workDir();
        List<Path> files;
        try {
            files = SourceWalk.files(workDir, List.of(workDir), request.coverageReports(), List.of());
        } catch (IOException e) {
            throw new MetricsException(Kind.ENVIRONMENT, "Cannot search coverage reports " + request.coverageReports()
                    + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            context.log().warn("No coverage report matches " + request.coverageReports());
            return null;
        }
        List<Path> classDirs = request.coverageClassDirs().stream().map(context::resolve).toList();
        CoverageReader reader = new CoverageReader(workDir,
                request.sourceRoots().stream().map(context::resolve).toList());
        CoverageReport merged = null;
        for (Path file : files) {
            try {
                CoverageReport one = reader.read(file, classDirs);
                merged = merged == null ? one : merged.merge(one);
            } catch (CoverageException e) {
                throw new MetricsException(Kind.BAD_INPUT, "Cannot read coverage report " + file + ": "
                        + e.getMessage(), e);
            }
        }
        Double line = merged.lines().percent();
        Double branch = merged.branches().percent();
        return new Coverage(line == null ? null : QualityGate.round(line),
                branch == null ? null : QualityGate.round(branch), merged.lines().covered(), merged.lines().total(),
                merged.reports(), List.copyOf(io.jenkins.plugins.slipway.engine.coverage.CoverageTable
                        .worstFirst(merged.files()).stream().limit(100).toList()));
    }

    /** Which analysers run, with what command; which were not run and why. */
    record Analysis(boolean pmd, Map<PythonAnalysers.Tool, List<String>> python, List<String> pythonFiles,
            List<AnalyserRun> notRun) {
    }

    private static Analysis analyse(MetricsRequest request, Path workDir, List<SourceFile> sources, String path,
            Log log) throws MetricsException, InterruptedException {
        boolean chosen = request.analysers() != null;
        List<String> names = chosen ? request.analysers() : MetricsRequest.ANALYSERS;
        List<String> pythonFiles = sources.stream().filter(f -> f.language() == SizeLanguage.PYTHON)
                .map(SourceFile::relative).toList();
        Map<PythonAnalysers.Tool, List<String>> python = new LinkedHashMap<>();
        List<AnalyserRun> notRun = new ArrayList<>();
        if (!names.contains("pmd")) {
            notRun.add(new AnalyserRun("pmd", "SKIPPED", 0, "not among the chosen analysers", null));
        }
        for (PythonAnalysers.Tool tool : PythonAnalysers.Tool.values()) {
            if (!names.contains(tool.id)) {
                notRun.add(new AnalyserRun(tool.id, "SKIPPED", 0, "not among the chosen analysers", null));
                continue;
            }
            if (pythonFiles.isEmpty()) {
                notRun.add(new AnalyserRun(tool.id, "SKIPPED", 0, "no Python sources", null));
                continue;
            }
            List<String> command = PythonAnalysers.locate(tool, workDir, path);
            if (command == null) {
                String hint = tool.id + " is not installed (neither '" + tool.id + "' on the PATH nor 'python3 -m "
                        + tool.id + "'); install it with " + tool.install;
                if (chosen) {
                    throw new MetricsException(Kind.ENVIRONMENT, "analysers: " + hint + ", or leave it out of "
                            + "'analysers'");
                }
                log.warn(hint + " to have its findings");
                notRun.add(new AnalyserRun(tool.id, "MISSING", 0, "install with " + tool.install, null));
                continue;
            }
            python.put(tool, command);
        }
        return new Analysis(names.contains("pmd"), python, pythonFiles, notRun);
    }

    private static List<Findings.Raw> pythonResult(java.util.concurrent.Future<List<Findings.Raw>> future)
            throws MetricsException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MetricsException m) {
                throw m;
            }
            if (e.getCause() instanceof InterruptedException i) {
                throw i;
            }
            throw new MetricsException(Kind.ENVIRONMENT, "A Python analyser failed: " + e.getCause(), e.getCause());
        }
    }

    /** Reads the reports of earlier steps named by {@code reports}. */
    private static List<Findings.Raw> ingest(MetricsRequest request, Path workDir, Path outputDir,
            List<AnalyserRun> runs, Log log) throws MetricsException {
        if (request.reports().isEmpty()) {
            return List.of();
        }
        List<Path> files;
        try {
            files = SourceWalk.files(workDir, List.of(workDir), request.reports(),
                    List.of(SourceWalk.relative(workDir, outputDir) + "/**"));
        } catch (IOException e) {
            throw new MetricsException(Kind.ENVIRONMENT, "Cannot search the reports " + request.reports() + ": "
                    + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            log.warn("reports: no file matches " + request.reports() + " under " + workDir);
        }
        List<Findings.Raw> out = new ArrayList<>();
        for (Path file : files) {
            String relative = SourceWalk.relative(workDir, file);
            ReportParsers.Parsed parsed;
            try {
                parsed = ReportParsers.read(file, workDir);
            } catch (IOException e) {
                throw new MetricsException(Kind.BAD_INPUT, "reports: cannot read " + relative + ": " + e.getMessage()
                        + "; give SARIF 2.1.0, pylint JSON (--output-format=json), flake8's default format, ruff "
                        + "JSON, bandit JSON or ESLint JSON", e);
            }
            Map<String, Integer> byTool = new java.util.TreeMap<>();
            parsed.findings().forEach(f -> byTool.merge(f.tool(), 1, Integer::sum));
            if (byTool.isEmpty()) {
                runs.add(new AnalyserRun(parsed.format(), "INGESTED", 0, relative, null));
            }
            byTool.forEach((tool, n) -> runs.add(new AnalyserRun(tool, "INGESTED", n, relative, null)));
            out.addAll(parsed.findings());
        }
        return out;
    }

    private static String describe(List<AnalyserRun> runs) {
        List<String> parts = new ArrayList<>();
        for (AnalyserRun r : runs) {
            parts.add(switch (r.status()) {
                case "RAN" -> r.name() + " ran (" + r.findings() + " findings)";
                case "INGESTED" -> r.name() + " read from " + r.detail() + " (" + r.findings() + " findings)";
                case "MISSING" -> r.name() + " missing (" + r.detail() + ")";
                default -> r.name() + " skipped (" + r.detail() + ")";
            });
        }
        return String.join("; ", parts);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String summary(Size size, Violations v, Duplication d, Coverage c,
            List<GateResult> gates, List<SkippedFile> skipped) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%,d files, %,d lines of code; %d findings (%d high); "
                + "%.2f%% duplicated lines", size.files(), size.codeLines(), v.total(),
                v.byPriority().getOrDefault("1", 0) + v.byPriority().getOrDefault("2", 0),
                d.duplicatedLinesPercent()));
        if (c != null && c.linePercent() != null) {
            s.append(String.format(Locale.ROOT, "; line coverage %.2f%%", c.linePercent()));
        }
        long missed = gates.stream().filter(g -> !g.passed()).count();
        if (!gates.isEmpty()) {
            s.append("; ").append(missed).append(" of ").append(gates.size()).append(" gates missed");
        }
        if (!skipped.isEmpty()) {
            s.append("; ").append(skipped.size()).append(" files skipped");
        }
        return s.toString();
    }

}
