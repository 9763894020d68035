/**
 * @microwasm/app-framework/host-link: WAMR's host link ("IMRT link"), the wire between a host
 * tool and a device's app manager, without a transport.
 *
 * - Frames: `encodeFrame(type, payload)` (0x12 0x34, type u16 BE, length u32 BE, payload);
 *   `FrameReader` (WAMR's byte-by-byte state machine over chunks; a bounded payload, oversized
 *   frames skipped and reported); `LinkMessageType` (REQUEST 2, RESPONSE 3, INSTALL_WASM_APP 4).
 * - Packets: `packRequest`/`unpackRequest`, `packResponse`/`unpackResponse` (the main entry's).
 * - URLs: `appletUrl` (host_tool's `/applet?name=…&heap=…`), `parseAppletUrl`, `splitUrl`;
 *   payloads `appletsContainer` ("Applets Info"), `appletContainer`, `errorContainer`.
 * - The device side: `new HostLinkService({ manager, maxInstallSize?, onInstalled?, … })`,
 *   `open(send)` (a session per packet transport) or `openStream(write)` (per byte stream).
 * - Fleets over MQTT: `fleetTopics(device, root?)`, `deviceOfTopic`, `FleetPresence`.
 */

export { packRequest, type RequestPacket, unpackRequest } from "../request-packet.js";
export { packResponse, type ResponsePacket, unpackResponse } from "../response-packet.js";
export { type AppletParams, appletUrl, parseAppletUrl, splitUrl } from "./applet-url.js";
export { appletContainer, appletsContainer, errorContainer } from "./applets-info.js";
export {
  DEFAULT_FLEET_ROOT,
  deviceOfTopic,
  type FleetPresence,
  type FleetTopics,
  fleetTopics,
  isValidDeviceId,
} from "./fleet-topics.js";
export { FrameReader, type FrameReaderOptions, type OversizedFrame } from "./frame-reader.js";
export {
  type HostLinkLog,
  type HostLinkOptions,
  HostLinkService,
  HostLinkSession,
  HostLinkStream,
} from "./host-link-service.js";
export { encodeFrame, LINK_HEADER_SIZE, LINK_LEAD, type LinkMessage, LinkMessageType } from "./link-frame.js";
