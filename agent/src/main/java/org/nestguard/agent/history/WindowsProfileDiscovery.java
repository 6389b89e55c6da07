package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nestguard.agent.platform.AccountHome;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.windows.RegistryReader;
import org.nestguard.agent.platform.windows.UserProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the browser profiles of every local user profile on Windows. Users come from
 * {@code HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList} ({@link UserProfile#list}, which keeps
 * people's accounts only); the account is the profile folder's name ({@link UserProfile#user()}).
 *
 * <p>Per user home: Chrome, Edge, Brave and Chromium under {@code AppData\Local\...\User Data}
 * ({@link ChromiumUserData}); Firefox in {@code AppData\Roaming\Mozilla\Firefox} and, for the Microsoft Store build,
 * {@code AppData\Local\Packages\Mozilla.Firefox_n80bbvh6b1yt2\LocalCache\Roaming\Mozilla\Firefox}
 * ({@link FirefoxProfileRoot}). The {@code Default}, {@code Default User}, {@code Public} and {@code All Users}
 * folders are templates and shared folders, never a person's browsing, and are skipped.
 *
 * <p>All paths go through the folder that stands for the system drive's root ({@code C:\} on a live machine), so
 * tests run on any OS over a tree laid out as {@code C:\}. A profile path on another drive is used as written, which
 * only means something on the live machine.
 */
public final class WindowsProfileDiscovery implements ProfileDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsProfileDiscovery.class);
    private static final Pattern DRIVE_PATH = Pattern.compile("^([A-Za-z]):[\\\\/]*(.*)$");
    private static final Pattern SYSTEM_DRIVE_VARIABLE = Pattern.compile("^%SystemDrive%[\\\\/]*(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_A_PERSON = Set.of("default", "default user", "public", "all users");
    private static final List<ChromiumBrowser> CHROMIUM_FAMILY = List.of(
            new ChromiumBrowser("chrome", "Google\\Chrome\\User Data"),
            new ChromiumBrowser("edge", "Microsoft\\Edge\\User Data"),
            new ChromiumBrowser("brave", "BraveSoftware\\Brave-Browser\\User Data"),
            new ChromiumBrowser("chromium", "Chromium\\User Data"));
    private static final List<String> FIREFOX_FOLDERS = List.of(
            "AppData\\Roaming\\Mozilla\\Firefox",
            "AppData\\Local\\Packages\\Mozilla.Firefox_n80bbvh6b1yt2\\LocalCache\\Roaming\\Mozilla\\Firefox");

    /** Where the local user profiles come from: the registry's ProfileList on a live machine. */
    @FunctionalInterface
    public interface UserProfiles {
        List<UserProfile> list() throws ProbeException;
    }

    private final Path systemDrive;
    private final String systemDriveLetter;
    private final UserProfiles users;

    /**
     * @param systemDrive the folder standing for the system drive's root: {@code C:\} live, a temporary folder in tests
     * @param users       the local user profiles, read again on every {@link #discover()}
     */
    public WindowsProfileDiscovery(Path systemDrive, UserProfiles users) {
        this.systemDrive = systemDrive;
        this.users = users;
        String root = systemDrive.getRoot() == null ? "" : systemDrive.getRoot().toString();
        Matcher drive = DRIVE_PATH.matcher(root);
        // a test tree is not a drive root: it stands for C:, where Windows is installed by default
        this.systemDriveLetter = drive.matches() && systemDrive.getNameCount() == 0 ? drive.group(1) : "C";
    }

    /** The live machine's discovery: the system drive from {@code %SystemDrive%}, users from the registry. */
    public static WindowsProfileDiscovery live(RegistryReader registry) {
        String drive = System.getenv().getOrDefault("SystemDrive", "C:");
        return new WindowsProfileDiscovery(Path.of(drive + "\\"), () -> UserProfile.list(registry));
    }

    @Override
    public List<BrowserProfile> discover() throws IOException {
        List<Map.Entry<String, Path>> homes = homes();
        HomeFolders everyHome = new HomeFolders(homes.stream().map(Map.Entry::getValue).toList());
        List<BrowserProfile> profiles = new ArrayList<>();
        for (Map.Entry<String, Path> home : homes) {
            profiles.addAll(everyHome.notInAnotherHome(home.getValue(),
                    profilesOf(home.getKey(), home.getValue(), everyHome)));
        }
        return profiles;
    }

    /** Every person's profile folder that exists: the folders the file scanner watches in. */
    public List<AccountHome> accountHomes() throws IOException {
        return homes().stream().map(h -> new AccountHome(h.getKey(), h.getValue()))
                .toList();
    }

    private List<Map.Entry<String, Path>> homes() throws IOException {
        List<UserProfile> people;
        try {
            people = users.list();
        } catch (ProbeException e) {
            throw new IOException("could not list the user profiles in the registry's ProfileList: "
                    + e.getMessage(), e);
        }
        List<Map.Entry<String, Path>> homes = new ArrayList<>();
        for (UserProfile user : people) {
            Path home = onThisSystem(user.profilePath());
            if (home == null || NOT_A_PERSON.contains(lastElement(user.profilePath()).toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (!Files.isDirectory(home)) {
                LOG.debug("Profile folder {} of {} does not exist; no browser history to find", home, user.sid());
                continue;
            }
            homes.add(Map.entry(user.user(), home));
        }
        return homes;
    }

    private List<BrowserProfile> profilesOf(String account, Path home, HomeFolders everyHome) {
        List<BrowserProfile> profiles = new ArrayList<>();
        Path local = within(home, "AppData\\Local");
        for (ChromiumBrowser browser : CHROMIUM_FAMILY) {
            profiles.addAll(new ChromiumUserData(within(local, browser.userData())).profiles(browser.name(), account));
        }
        for (String folder : FIREFOX_FOLDERS) {
            profiles.addAll(new FirefoxProfileRoot(within(home, folder),
                    everyHome.absolutePathsFor(home, this::onThisSystem)).profiles(account));
        }
        return profiles;
    }

    /**
     * The file a Windows path names on the system being inspected: {@code C:\...} and {@code %SystemDrive%\...} are
     * under the system drive folder; another drive's path is used as written; null for an empty or relative path.
     */
    Path onThisSystem(String windowsPath) {
        String path = windowsPath == null ? "" : windowsPath.strip();
        Matcher variable = SYSTEM_DRIVE_VARIABLE.matcher(path);
        if (variable.matches()) {
            return within(systemDrive, variable.group(1));
        }
        Matcher drive = DRIVE_PATH.matcher(path);
        if (!drive.matches()) {
            if (!path.isEmpty()) {
                LOG.warn("Ignoring profile path {}: not an absolute Windows path", path);
            }
            return null;
        }
        try {
            if (drive.group(1).equalsIgnoreCase(systemDriveLetter)) {
                return within(systemDrive, drive.group(2));
            }
            return Path.of(path);
        } catch (InvalidPathException e) {
            LOG.warn("Ignoring profile path {}: {}", path, e.getMessage());
            return null;
        }
    }

    /** {@code base} followed by the elements of a backslash- or slash-separated relative path. */
    private static Path within(Path base, String relative) {
        Path result = base;
        for (String element : relative.split("[\\\\/]+")) {
            if (!element.isEmpty() && !element.equals(".")) {
                result = result.resolve(element);
            }
        }
        return result;
    }

    /** A Chromium-family browser's name and its user-data folder under {@code %LOCALAPPDATA%}. */
    private record ChromiumBrowser(String name, String userData) {
    }

    private static String lastElement(String windowsPath) {
        String[] elements = windowsPath.strip().split("[\\\\/]+");
        return elements.length == 0 ? "" : elements[elements.length - 1];
    }
}
