package org.nestguard.agent.files;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nestguard.protocol.files.FileKind;

/**
 * Decides a file's kind from its first bytes (magic numbers), and only when they say nothing from its name's
 * extension: a photo renamed {@code homework.txt} is still an image, and a program renamed {@code .jpg} is still a
 * program.
 */
public final class KindSniffer {
    /** How many of a file's first bytes the decision reads: the ustar magic sits at 257, ZIP entry names later. */
    public static final int HEAD_BYTES = 4096;

    private static final Set<String> IMAGE_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1",
            "msf1", "avif", "avis");
    private static final Set<String> AUDIO_BRANDS = Set.of("M4A ", "M4B ", "M4P ", "F4A ");
    private static final Map<String, FileKind> EXTENSIONS = extensions();

    private KindSniffer() {
    }

    /** The kind of a file whose first bytes are {@code head} (up to {@link #HEAD_BYTES}) and whose name is given. */
    public static FileKind kindOf(byte[] head, String fileName) {
        String extension = extension(fileName);
        FileKind magic = fromMagic(head, extension);
        if (magic != null) {
            return magic;
        }
        return EXTENSIONS.getOrDefault(extension, FileKind.OTHER);
    }

    /** The kind the name alone suggests, for files not read yet (a write to a removable volume in progress). */
    public static FileKind kindOfName(String fileName) {
        return EXTENSIONS.getOrDefault(extension(fileName), FileKind.OTHER);
    }

    static FileKind fromMagic(byte[] b, String extension) {
        if (starts(b, 0, 0xFF, 0xD8, 0xFF) || starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)
                || ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a") || starts(b, 0, 'I', 'I', 0x2A, 0x00)
                || starts(b, 0, 'M', 'M', 0x00, 0x2A) || (ascii(b, 0, "BM") && extension.equals("bmp"))) {
            return FileKind.IMAGE;
        }
        if (ascii(b, 0, "RIFF") && b.length >= 12) {
            if (ascii(b, 8, "WEBP")) {
                return FileKind.IMAGE;
            }
            if (ascii(b, 8, "AVI ")) {
                return FileKind.VIDEO;
            }
            return null;
        }
        if (ascii(b, 4, "ftyp") && b.length >= 12) {
            String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
            if (IMAGE_BRANDS.contains(brand.toLowerCase(Locale.ROOT))) {
                return FileKind.IMAGE;
            }
            return AUDIO_BRANDS.contains(brand) ? FileKind.OTHER : FileKind.VIDEO;
        }
        if (starts(b, 0, 0x1A, 0x45, 0xDF, 0xA3) || starts(b, 0, 0x00, 0x00, 0x01, 0xBA) || ascii(b, 0, "FLV")
                || starts(b, 4, 'm', 'o', 'o', 'v') || starts(b, 4, 'm', 'd', 'a', 't')) {
            return FileKind.VIDEO;
        }
        if (ascii(b, 0, "%PDF-") || ascii(b, 0, "{\\rtf")) {
            return FileKind.DOCUMENT;
        }
        if (starts(b, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            // Windows Installer packages are OLE2 compound files too
            return extension.equals("msi") || extension.equals("msp") ? FileKind.EXECUTABLE : FileKind.DOCUMENT;
        }
        if (starts(b, 0, 'P', 'K', 0x03, 0x04)) {
            return zipKind(b, extension);
        }
        if (starts(b, 0, 0x7F, 'E', 'L', 'F') || ascii(b, 0, "MZ") || starts(b, 0, 0xFE, 0xED, 0xFA, 0xCE)
                || starts(b, 0, 0xFE, 0xED, 0xFA, 0xCF) || starts(b, 0, 0xCE, 0xFA, 0xED, 0xFE)
                || starts(b, 0, 0xCF, 0xFA, 0xED, 0xFE) || starts(b, 0, 0xCA, 0xFE, 0xBA, 0xBE)
                || ascii(b, 0, "#!")) {
            return FileKind.EXECUTABLE;
        }
        if (starts(b, 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C) || ascii(b, 0, "Rar!\u001A\u0007")
                || starts(b, 0, 0x1F, 0x8B) || ascii(b, 0, "BZh") || starts(b, 0, 0xFD, '7', 'z', 'X', 'Z', 0x00)
                || starts(b, 0, 0x28, 0xB5, 0x2F, 0xFD) || ascii(b, 0, "MSCF") || ascii(b, 257, "ustar")) {
            return FileKind.ARCHIVE;
        }
        return null;
    }

    // OOXML, ODF and EPUB are ZIP files; the first entries' names (in the local headers) say which.
    private static FileKind zipKind(byte[] b, String extension) {
        String names = new String(b, StandardCharsets.ISO_8859_1);
        if (names.contains("application/vnd.oasis.opendocument") || names.contains("application/epub+zip")
                || names.contains("[Content_Types].xml") || names.contains("word/") || names.contains("xl/")
                || names.contains("ppt/")) {
            return FileKind.DOCUMENT;
        }
        if (names.contains("META-INF/MANIFEST.MF") || names.contains("AndroidManifest.xml")
                || names.contains("classes.dex") || extension.equals("jar") || extension.equals("apk")) {
            return FileKind.EXECUTABLE;
        }
        FileKind named = EXTENSIONS.get(extension);
        // Office files whose first entry is not one of the above still say what they are by name.
        return named == FileKind.DOCUMENT ? FileKind.DOCUMENT : FileKind.ARCHIVE;
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean starts(byte[] b, int at, int... magic) {
        if (b.length < at + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[at + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String magic) {
        if (b.length < at + magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if ((b[at + i] & 0xFF) != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, FileKind> extensions() {
        Map<String, FileKind> map = new java.util.HashMap<>();
        for (String e : "jpg jpeg jpe jfif png gif webp heic heif avif bmp tif tiff dng cr2 nef arw raw svg ico"
                .split(" ")) {
            map.put(e, FileKind.IMAGE);
        }
        for (String e : "mp4 m4v mov avi mkv webm wmv flv mpg mpeg 3gp 3g2 mts m2ts ts vob".split(" ")) {
            map.put(e, FileKind.VIDEO);
        }
        for (String e : ("pdf doc docx docm dot dotx xls xlsx xlsm xlt ppt pptx pptm pps ppsx odt ods odp odg rtf "
                + "txt csv md pages numbers key epub").split(" ")) {
            map.put(e, FileKind.DOCUMENT);
        }
        for (String e : ("exe msi msp msix msixbundle appx appxbundle dll scr com bat cmd ps1 vbs vbe js jse wsf "
                + "hta lnk jar apk sh run bin appimage deb rpm pkg dmg app command py pl elf").split(" ")) {
            map.put(e, FileKind.EXECUTABLE);
        }
        for (String e : "zip 7z rar gz tgz bz2 xz zst tar cab iso lz lzma".split(" ")) {
            map.put(e, FileKind.ARCHIVE);
        }
        return Map.copyOf(map);
    }
}
