package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import org.nestguard.protocol.wire.DeviceFacts;
import org.nestguard.protocol.wire.NetworkLocation;

class DevicesTest extends StoreTestBase {

    static DeviceFacts laptop(String hostname, String serial, String uuid, String... macs) {
        return new DeviceFacts(hostname, "Windows", "Windows 11 Pro", "23H2", "Dell Inc.", "Latitude 3440", serial,
                uuid, List.of(macs));
    }

    private Devices devices(Database database) {
        new Settings(database, clock).add("ditton-junior", "Ditton CE Junior School");
        return new Devices(database, clock);
    }

    @StoreTest
    void aReimagedDeviceKeepsItsIdAndOnlyItsNewCertificateIsValid(StoreKind kind) {
        Devices devices = devices(open(kind));
        DeviceEnrolment first = devices.enrol("ditton-junior",
                laptop("CLASS3-07", "5CG1234XYZ", "4C4C4544-0042-3510-8051-B7C04F4E3332", "a4:bb:6d:01:02:03"),
                "serial-1");
        clock.advance(Duration.ofDays(30));
        DeviceEnrolment again = devices.enrol("ditton-junior",
                laptop("DESKTOP-NEW", "5CG1234XYZ", "4c4c4544-0042-3510-8051-b7c04f4e3332", "A4-BB-6D-01-02-03"),
                "serial-2");

        assertFalse(first.recognised());
        assertTrue(again.recognised());
        assertEquals(first.deviceId(), again.deviceId());
        assertEquals(2, again.enrolment());
        assertEquals(1, devices.list().size());
        assertEquals("DESKTOP-NEW", devices.find(first.deviceId()).orElseThrow().facts().hostname());
        List<DeviceCertificate> certificates = devices.certificates(first.deviceId());
        assertEquals(List.of("serial-1", "serial-2"), certificates.stream().map(DeviceCertificate::serial).toList());
        assertTrue(devices.isRevoked("serial-1"), "the wiped image's certificate must stop working");
        assertFalse(devices.isRevoked("serial-2"));
    }

    @StoreTest
    void withoutFirmwareIdentityTheBurnedInMacRecognisesTheDevice(StoreKind kind) {
        Devices devices = devices(open(kind));
        DeviceEnrolment first = devices.enrol("ditton-junior",
                laptop("tablet-1", "To be filled by O.E.M.", "00000000-0000-0000-0000-000000000000",
                        "00:1a:2b:3c:4d:5e", "da:a1:19:00:00:01"), "serial-1");
        DeviceEnrolment again = devices.enrol("ditton-junior",
                laptop("tablet-1", null, null, "00:1A:2B:3C:4D:5E", "62:00:00:00:00:09"), "serial-2");

        assertEquals(first.deviceId(), again.deviceId());
        assertNull(devices.find(first.deviceId()).orElseThrow().facts().serialNumber(),
                "a firmware placeholder is not a serial number");
        assertEquals(List.of("00:1a:2b:3c:4d:5e"), devices.find(first.deviceId()).orElseThrow().facts().macAddresses(),
                "randomised (locally administered) MACs are not identity");
    }

    @StoreTest
    void differentHardwareIsNeverMerged(StoreKind kind) {
        Devices devices = devices(open(kind));
        DeviceEnrolment a = devices.enrol("ditton-junior", laptop("A", "SER-A", "uuid-a", "00:1a:2b:3c:4d:5e"), "s1");
        // a USB network adapter moved from laptop A to laptop B
        DeviceEnrolment b = devices.enrol("ditton-junior", laptop("B", "SER-B", "uuid-b", "00:1a:2b:3c:4d:5e"), "s2");
        DeviceEnrolment c = devices.enrol("ditton-junior", laptop("C", null, null, "00:1a:2b:3c:4d:5e"), "s3");
        DeviceEnrolment d = devices.enrol("ditton-junior", laptop("D", null, null, "00:99:88:77:66:55"), "s4");

        assertEquals(4, List.of(a.deviceId(), b.deviceId(), c.deviceId(), d.deviceId()).stream().distinct().count());
    }

    @StoreTest
    void revokingADeviceRevokesAllItsCertificates(StoreKind kind) {
        Devices devices = devices(open(kind));
        String id = devices.enrol("ditton-junior", laptop("A", "SER-A", "uuid-a"), "s1").deviceId();
        String other = devices.enrol("ditton-junior", laptop("B", "SER-B", "uuid-b"), "s9").deviceId();
        assertEquals(id, devices.deviceFor("s1").orElseThrow());

        assertEquals(1, devices.revoke(id));
        assertTrue(devices.isRevoked("s1"));
        assertTrue(devices.deviceFor("s1").isEmpty());
        assertTrue(devices.certificates(id).get(0).revoked());
        assertEquals(clock.instant(), devices.certificates(id).get(0).revokedAt());
        assertFalse(devices.isRevoked("s9"), "other devices keep working");
        assertEquals(other, devices.deviceFor("s9").orElseThrow());
        assertTrue(devices.isRevoked("never-issued"), "a certificate the console never recorded is not trusted");
        assertTrue(assertThrows(StoreException.class, () -> devices.revoke("no-such-device")).getMessage()
                .contains("'no-such-device'"));
    }

    @StoreTest
    void checkInsRecordWhenAndWhereAndQuietDevicesAreFound(StoreKind kind) {
        Devices devices = devices(open(kind));
        String seen = devices.enrol("ditton-junior", laptop("A", "SER-A", "uuid-a"), "s1").deviceId();
        String quiet = devices.enrol("ditton-junior", laptop("B", "SER-B", "uuid-b"), "s2").deviceId();
        String silent = devices.enrol("ditton-junior", laptop("C", "SER-C", "uuid-c"), "s3").deviceId();
        devices.recordCheckIn(quiet, "10.0.0.8", null);
        clock.advance(Duration.ofDays(10));
        NetworkLocation school = new NetworkLocation("10.0.0.1", "00:11:22:33:44:55", "DittonStaff",
                List.of("10.0.0.7"));
        devices.recordCheckIn(seen, "203.0.113.9", school);

        Device device = devices.find(seen).orElseThrow();
        assertEquals(clock.instant(), device.lastSeenAt());
        assertEquals("203.0.113.9", device.lastAddress());
        assertEquals(school, device.location());
        assertEquals(List.of(quiet, silent), devices.notSeenFor(Duration.ofDays(7)).stream().map(Device::id).toList());
        assertEquals(List.of(), devices.notSeenFor(Duration.ofDays(11)));
        assertThrows(StoreException.class, () -> devices.recordCheckIn("no-such-device", "1.2.3.4", null));
    }

    @StoreTest
    void oneDeviceEnrollingSeveralTimesAtOnceIsStillOneDevice(StoreKind kind) throws Exception {
        Devices devices = devices(open(kind));
        int laptops = 20;
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            // several laptops in turn, each enrolling from 8 threads released together, to give the race a chance
            for (int laptop = 0; laptop < laptops; laptop++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<DeviceEnrolment>> enrolments = new ArrayList<>();
                for (int i = 0; i < attempts; i++) {
                    String serial = "cert-" + laptop + "-" + i;
                    DeviceFacts facts = laptop("L" + laptop, "SER-" + laptop, "uuid-" + laptop);
                    enrolments.add(pool.submit(() -> {
                        start.await();
                        return devices.enrol("ditton-junior", facts, serial);
                    }));
                }
                start.countDown();
                List<Integer> counts = new ArrayList<>();
                for (Future<DeviceEnrolment> enrolment : enrolments) {
                    counts.add(enrolment.get().enrolment());
                }
                counts.sort(null);
                assertEquals(java.util.stream.IntStream.rangeClosed(1, attempts).boxed().toList(), counts);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(laptops, devices.list().size());
        for (Device device : devices.list()) {
            assertEquals(1, devices.certificates(device.id()).stream().filter(c -> !c.revoked()).count(),
                    "only the newest enrolment's certificate stays valid");
        }
    }

    @StoreTest
    void enrollingIntoAnUnknownSettingIsRefused(StoreKind kind) {
        Devices devices = devices(open(kind));
        StoreException refused = assertThrows(StoreException.class,
                () -> devices.enrol("nowhere", laptop("A", "SER-A", "uuid-a"), "s1"));
        assertTrue(refused.getMessage().contains("'nowhere'"), refused.getMessage());
        assertEquals(List.of(), devices.list());
    }
}
