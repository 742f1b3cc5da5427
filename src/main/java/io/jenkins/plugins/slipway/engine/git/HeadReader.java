package io.jenkins.plugins.slipway.engine.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.InflaterInputStream;

/**
 * Reads the commit a working directory is at straight from the repository's files, for the result of every step:
 * HEAD, a loose or packed ref, the commit object loose or whole in a pack (index version 2). That is all most
 * checkouts need, and it spares each engine start JGit's set-up (hundreds of classes, and two {@code git} processes
 * it starts to find the system configuration). Anything else — reftables, SHA-256 repositories, alternates, a
 * commit stored as a delta, a commit in another encoding, {@code GIT_DIR} and friends in the environment — returns
 * null, and {@link GitService} asks JGit.
 */
final class HeadReader {
    private static final int MAX_COMMIT_BYTES = 1 << 20;
    private static final List<String> GIT_ENVIRONMENT = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR",
            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CEILING_DIRECTORIES", "GIT_INDEX_FILE");

    private HeadReader() {
    }

    /** The commit {@code start} (or the repository above it) is at, or null when JGit must answer. */
    static CommitInfo read(Path start) {
        for (String variable : GIT_ENVIRONMENT) {
            if (System.getenv(variable) != null) {
                return null;
            }
        }
        try {
            return readRepository(start);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static CommitInfo readRepository(Path start) throws IOException {
        Path gitDir = null;
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                gitDir = dotGit;
                break;
            }
            if (Files.isRegularFile(dotGit)) {
                String pointer = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
                if (!pointer.startsWith("gitdir:")) {
                    return null;
                }
                gitDir = dir.resolve(pointer.substring("gitdir:".length()).strip()).normalize();
                break;
            }
        }
        if (gitDir == null) {
            return CommitInfo.none("no git repository at or above " + start);
        }
        if (!Files.isRegularFile(gitDir.resolve("HEAD"))) {
            return null;
        }
        Path common = gitDir;
        Path commondir = gitDir.resolve("commondir");
        if (Files.isRegularFile(commondir)) {
            common = gitDir.resolve(Files.readString(commondir, StandardCharsets.UTF_8).strip()).normalize();
        }
        if (Files.exists(common.resolve("reftable")) || Files.exists(common.resolve("objects/info/alternates"))) {
            return null;
        }
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).strip();
        String branch = null;
        String id;
        if (head.startsWith("ref:")) {
            String ref = head.substring(4).strip();
            id = resolveRef(gitDir, common, ref);
            if (id == null) {
                return null; // unborn branch or a ref we do not read
            }
            branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : null;
        } else {
            id = head;
        }
        if (!id.matches("[0-9a-f]{40}")) {
            return null;
        }
        byte[] commit = loose(common, id);
        if (commit == null) {
            commit = packed(common, id);
        }
        return commit == null ? null : parse(id, branch, commit);
    }

    private static String resolveRef(Path gitDir, Path common, String ref) throws IOException {
        if (ref.contains("..") || !ref.startsWith("refs/")) {
            return null;
        }
        for (Path base : gitDir.equals(common) ? List.of(gitDir) : List.of(gitDir, common)) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String value = Files.readString(loose, StandardCharsets.UTF_8).strip();
                return value.startsWith("ref:") ? null : value;
            }
        }
        Path packedRefs = common.resolve("packed-refs");
        if (Files.isRegularFile(packedRefs)) {
            for (String line : Files.readAllLines(packedRefs, StandardCharsets.UTF_8)) {
                if (line.length() > 41 && line.charAt(40) == ' ' && line.substring(41).equals(ref)) {
                    return line.substring(0, 40);
                }
            }
        }
        return null;
    }

    /** The body of a loose commit object, or null when it is not loose (or not a commit). */
    private static byte[] loose(Path common, String id) throws IOException {
        Path file = common.resolve("objects").resolve(id.substring(0, 2)).resolve(id.substring(2));
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = new InflaterInputStream(Files.newInputStream(file))) {
            byte[] raw = readUpTo(in, MAX_COMMIT_BYTES + 64);
            int nul = indexOf(raw, (byte) 0, 0);
            if (nul < 0 || !new String(raw, 0, nul, StandardCharsets.US_ASCII).startsWith("commit ")) {
                return null;
            }
            int size = Integer.parseInt(new String(raw, 7, nul - 7, StandardCharsets.US_ASCII));
            if (raw.length - nul - 1 != size) {
                return null;
            }
            return java.util.Arrays.copyOfRange(raw, nul + 1, raw.length);
        }
    }

    /** The body of a commit stored whole in a pack (index version 2), or null. */
    private static byte[] packed(Path common, String id) throws IOException {
        Path packs = common.resolve("objects/pack");
        if (!Files.isDirectory(packs)) {
            return null;
        }
        byte[] wanted = HexFormat.of().parseHex(id);
        try (DirectoryStream<Path> indexes = Files.newDirectoryStream(packs, "pack-*.idx")) {
            for (Path idx : indexes) {
                long offset = offsetIn(idx, wanted);
                if (offset == -2) {
                    return null; // an index we do not read
                }
                if (offset >= 0) {
                    String name = idx.getFileName().toString();
                    return packEntry(idx.resolveSibling(name.substring(0, name.length() - 4) + ".pack"), offset);
                }
            }
        }
        return null;
    }

    /** The object's offset in the pack of {@code idx}; -1 when it is not there, -2 for an index not of version 2. */
    private static long offsetIn(Path idx, byte[] wanted) throws IOException {
        try (FileChannel channel = FileChannel.open(idx, StandardOpenOption.READ)) {
            ByteBuffer header = read(channel, 0, 8 + 256 * 4);
            if (header.getInt(0) != 0xff744f63 || header.getInt(4) != 2) {
                return -2;
            }
            int first = wanted[0] & 0xff;
            int low = first == 0 ? 0 : header.getInt(8 + (first - 1) * 4);
            int high = header.getInt(8 + first * 4); // exclusive
            int count = header.getInt(8 + 255 * 4);
            long names = 8 + 256 * 4;
            while (low < high) {
                int mid = (low + high) >>> 1;
                ByteBuffer name = read(channel, names + mid * 20L, 20);
                int cmp = compare(name, wanted);
                if (cmp == 0) {
                    long offsets = names + count * 20L + count * 4L;
                    int small = read(channel, offsets + mid * 4L, 4).getInt(0);
                    if (small >= 0) {
                        return small;
                    }
                    long large = offsets + count * 4L + (small & 0x7fffffffL) * 8;
                    return read(channel, large, 8).getLong(0);
                }
                if (cmp < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return -1;
        }
    }

    private static byte[] packEntry(Path pack, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(pack, StandardOpenOption.READ)) {
            ByteBuffer header = read(channel, offset, (int) Math.min(16, channel.size() - offset));
            int b = header.get(0) & 0xff;
            int type = (b >> 4) & 7;
            long size = b & 15;
            int shift = 4;
            int pos = 1;
            while ((b & 0x80) != 0) {
                b = header.get(pos++) & 0xff;
                size |= (long) (b & 0x7f) << shift;
                shift += 7;
            }
            if (type != 1 || size > MAX_COMMIT_BYTES) {
                return null; // not a whole commit (a delta, most likely)
            }
            channel.position(offset + pos);
            InputStream in = new InflaterInputStream(Channels.newInputStream(channel));
            byte[] body = readUpTo(in, (int) size);
            return body.length == size ? body : null;
        }
    }

    /** The fields of a commit object, as JGit's {@code RevCommit} gives them; null when it needs more than UTF-8. */
    static CommitInfo parse(String id, String branch, byte[] raw) throws CharacterCodingException {
        int pos = 0;
        String author = null;
        String committer = null;
        while (pos < raw.length) {
            int end = indexOf(raw, (byte) '\n', pos);
            if (end < 0) {
                end = raw.length;
            }
            if (end == pos) { // the blank line before the message
                pos = end + 1;
                break;
            }
            String line = utf8(raw, pos, end);
            if (line.startsWith("author ")) {
                author = line.substring(7);
            } else if (line.startsWith("committer ")) {
                committer = line.substring(10);
            } else if (line.startsWith("encoding ") && !line.substring(9).strip().equalsIgnoreCase("UTF-8")) {
                return null;
            }
            pos = end + 1;
        }
        if (author == null || committer == null) {
            return null;
        }
        int lt = author.indexOf('<');
        int gt = author.indexOf('>', lt + 1);
        if (lt < 0 || gt < lt) {
            return null;
        }
        String[] when = committer.substring(committer.lastIndexOf('>') + 1).strip().split(" ");
        long seconds = Long.parseLong(when[0]);
        String message = pos >= raw.length ? "" : utf8(raw, pos, raw.length);
        return new CommitInfo(true, id, id.substring(0, 7), branch, author.substring(0, lt).strip(),
                author.substring(lt + 1, gt), Instant.ofEpochSecond(seconds).toString(), shortMessage(message), null,
                null);
    }

    /** The first paragraph, its line breaks as spaces: JGit's {@code getShortMessage}, to the character. */
    static String shortMessage(String message) {
        int end = 0;
        while (end < message.length() && message.charAt(end) != '\n' && message.charAt(end) != '\r') {
            int lf = message.indexOf('\n', end);
            end = lf < 0 ? message.length() : lf + 1;
        }
        if (end > 0 && message.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && message.charAt(end - 1) == '\r') {
            end--;
        }
        StringBuilder out = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = message.charAt(i);
            if (c == '\r' && i + 1 < end && message.charAt(i + 1) == '\n') {
                i++;
            }
            out.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return out.toString();
    }

    private static String utf8(byte[] raw, int from, int to) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw, from, to - from))
                .toString();
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of " + channel);
            }
        }
        return buffer.flip();
    }

    private static int compare(ByteBuffer name, byte[] wanted) {
        for (int i = 0; i < 20; i++) {
            int cmp = Integer.compare(name.get(i) & 0xff, wanted[i] & 0xff);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (out.size() < max && (n = in.read(buffer, 0, Math.min(buffer.length, max - out.size()))) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] raw, byte b, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
