import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP side of the booking benchmark: CLIENTS threads, each a resident with its own bearer token and its own
 * keep-alive connection, POST /api/v1/participation/bookings one after another for SECONDS — a random space of the
 * list, a random day of [dayFrom, dayTo] from today (China time), a random 30- or 60-minute slot between 08:00 and
 * 22:00. Prints key=value lines: requests, 201s, 409s, other statuses, errors, latency percentiles.
 *
 * usage: java BookingLoad.java BASE TOKENS_FILE SPACES_FILE CLIENTS SECONDS DAY_FROM DAY_TO PREFIX
 */
public class BookingLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> tokens = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
        long[] spaces = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank())
            .mapToLong(Long::parseLong).toArray();
        int clients = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int dayFrom = Integer.parseInt(args[5]);
        int dayTo = Integer.parseInt(args[6]);
        String prefix = args[7];
        ZoneId china = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(china);
        LongAdder created = new LongAdder();
        LongAdder conflicts = new LongAdder();
        LongAdder other = new LongAdder();
        LongAdder errors = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        for (int c = 0; c < clients; c++) {
            latencies.add(new long[200_000]);
        }
        CountDownLatch done = new CountDownLatch(clients);
        String[] firstOther = new String[1];
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadlineHolder = new long[1];
        for (int c = 0; c < clients; c++) {
            long[] lat = latencies.get(c);
            int me = c;
            String token = tokens.get(c % tokens.size());
            Thread thread = new Thread(() -> {
                // one HttpClient per client: one HTTP/1.1 keep-alive connection each, like wrk's connections
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int n = 0;
                ready.countDown();
                try {
                    go.await();
                    long deadline = deadlineHolder[0];
                    while (System.nanoTime() < deadline) {
                        long space = spaces[random.nextInt(spaces.length)];
                        LocalDate day = today.plusDays(random.nextInt(dayFrom, dayTo + 1));
                        int half = random.nextInt(0, 27); // 08:00 .. 21:00 start, 30-min grid
                        int length = random.nextBoolean() ? 1 : 2;
                        var start = day.atTime(LocalTime.of(8, 0).plusMinutes(30L * half)).atZone(china).toInstant();
                        var end = start.plusSeconds(1800L * length);
                        String body = "{\"spaceId\":" + space + ",\"startsAt\":\"" + start + "\",\"endsAt\":\"" + end
                                + "\",\"attendees\":2,\"purpose\":\"压测预约\"}";
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/participation/bookings"))
                            .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            long t1 = System.nanoTime();
                            if (n < lat.length) {
                                lat[n++] = t1 - t0;
                            }
                            switch (response.statusCode()) {
                                case 201 -> created.increment();
                                case 409 -> conflicts.increment();
                                default -> {
                                    other.increment();
                                    synchronized (firstOther) {
                                        if (firstOther[0] == null) {
                                            firstOther[0] = response.statusCode() + " " + response.body();
                                        }
                                    }
                                }
                            }
                        }
                        catch (Exception ex) {
                            errors.increment();
                        }
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                finally {
                    counts[me] = n;
                    done.countDown();
                }
            });
            thread.start();
        }
        // every client has its HttpClient before the clock starts (making one is slow on a loaded machine)
        ready.await();
        long started = System.nanoTime();
        deadlineHolder[0] = started + seconds * 1_000_000_000L;
        go.countDown();
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, k, counts[c]);
            k += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("%s_seconds=%.1f%n", prefix, elapsed);
        System.out.printf("%s_requests=%d%n", prefix, total);
        System.out.printf("%s_rps=%.0f%n", prefix, total / elapsed);
        System.out.printf("%s_created=%d%n", prefix, created.sum());
        System.out.printf("%s_conflicts_409=%d%n", prefix, conflicts.sum());
        System.out.printf("%s_other_status=%d%n", prefix, other.sum());
        System.out.printf("%s_errors=%d%n", prefix, errors.sum());
        for (int p : new int[] {50, 99}) {
            double ms = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) Math.ceil(all.length * p / 100.0) - 1)] / 1e6;
            System.out.printf("%s_p%d_ms=%.2f%n", prefix, p, ms);
        }
        if (firstOther[0] != null) {
            System.out.println("# first other answer: " + firstOther[0].replace('\n', ' '));
        }
    }
}
