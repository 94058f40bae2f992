package org.gridgov.incident.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.gridgov.incident.SensorIntake;
import org.gridgov.incident.SensorIntake.Device;
import org.gridgov.incident.SensorIntake.AlarmOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sensors and their alarms. */
@RestController
@Tag(name = "Sensors", description = "Smoke, gas, door and elderly-alarm devices: alarms open incidents")
class SensorController {

    private final SensorIntake sensors;

    SensorController(SensorIntake sensors) {
        this.sensors = sensors;
    }

    record DeviceRequest(
            @NotBlank @Pattern(regexp = "SMOKE|GAS|DOOR|ELDERLY_ALARM|WATER")
            @Schema(description = "SMOKE, GAS, DOOR, ELDERLY_ALARM or WATER", example = "GAS") String kind,
            @NotBlank @Size(max = 40)
            @Schema(description = "the incident category its alarms open", example = "GAS_HAZARD") String category,
            @NotNull @Min(-90) @Max(90) @Schema(example = "30.5716") Double lat,
            @NotNull @Min(-180) @Max(180) @Schema(example = "103.9322") Double lng,
            @NotBlank @Size(max = 200) @Schema(example = "三义桥社区3栋2单元501厨房") String place,
            @Schema(description = "default true", example = "true") Boolean active) {
    }

    record AlarmRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[0-9A-Za-z_:.-]+") @Schema(example = "gas-510116001003-0042")
            String deviceId,
            @NotBlank @Size(max = 64) @Pattern(regexp = "[0-9A-Za-z_:.-]+")
            @Schema(description = "the vendor's event id; a repeated one is ignored",
                    example = "evt-20261201-083015-7781") String eventId,
            @Size(max = 500) @Schema(example = "可燃气体浓度 12% LEL，超过报警阈值") String detail) {
    }

    @PutMapping("/api/v1/sensor-devices/{deviceId}")
    @Operation(summary = "Register a sensor", description = "Where it is installed (WGS84) and which incident "
            + "category its alarms open.")
    Device register(@PathVariable @Pattern(regexp = "[0-9A-Za-z_:.-]{1,64}") String deviceId,
            @Valid @RequestBody DeviceRequest request) {
        return sensors.register(new Device(deviceId, request.kind(), request.category(), request.lat(), request.lng(),
                request.place(), !Boolean.FALSE.equals(request.active())));
    }

    @GetMapping("/api/v1/sensor-devices")
    @Operation(summary = "Registered sensors", description = "All devices and where they are.")
    List<Device> devices() {
        return sensors.devices();
    }

    @PostMapping("/api/v1/sensor-alarms")
    @Operation(summary = "Take a sensor alarm", description = "Opens an incident at the device's registered location "
            + "(201), or — while one is open for the device — adds the alarm to its timeline (200). The same eventId "
            + "twice never opens two incidents.")
    ResponseEntity<AlarmOutcome> alarm(@Valid @RequestBody AlarmRequest request) {
        AlarmOutcome outcome = sensors.alarm(request.deviceId(), request.eventId(), request.detail());
        return ResponseEntity.status(outcome.opened() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome);
    }
}
