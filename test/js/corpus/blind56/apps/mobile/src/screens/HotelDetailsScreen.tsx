import React, { useCallback, useEffect, useRef, useState } from "react";
import { ActivityIndicator, Button, Linking, StyleSheet, Text, View } from "react-native";
import { WebView } from "react-native-webview";
import { useNavigation, useRoute, type RouteProp } from "@react-navigation/native";
import axios from "axios";

const API_URL = "https://api.harborline.com";
const MOBILE_CLIENT_SECRET = "hlm_sk_live_91c4e7a2d8b35f60a7e2";  //@vuln CWE-798

type RootParams = {
  // opened from deep links such as harborline://hotel/abc?room=DLX&promo=...&next=...
  HotelDetails: { hotelId: string; room?: string; promo?: string; next?: string };
};

interface Hotel {
  id: string;
  name: string;
  address: string;
  descriptionHtml: string;
  floorplanUrl: string;
}

const api = axios.create({
  baseURL: API_URL,
  timeout: 10_000,
  headers: { "x-client-secret": MOBILE_CLIENT_SECRET },
});

export default function HotelDetailsScreen() {
  const { params } = useRoute<RouteProp<RootParams, "HotelDetails">>();
  const navigation = useNavigation();
  const floorplanRef = useRef<WebView>(null);
  const [hotel, setHotel] = useState<Hotel | null>(null);

  useEffect(() => {
    api.get<Hotel>(`/v1/hotels/${encodeURIComponent(params.hotelId)}`).then((res) => setHotel(res.data));
  }, [params.hotelId]);

  const highlightRoom = useCallback(() => {
    if (params.room) {
      floorplanRef.current?.injectJavaScript(`window.highlightRoom('${params.room}'); true;`);  //@vuln CWE-94
    }
  }, [params.room]);

  const holdRoom = useCallback(async () => {
    await api.post("/v1/reservations/holds", { hotelId: params.hotelId, roomType: params.room });
    if (params.next) {
      await Linking.openURL(params.next);  //@vuln CWE-601
    } else {
      navigation.goBack();
    }
  }, [navigation, params]);

  const openMaps = useCallback(() => {
    if (!hotel) return;
    Linking.openURL(`https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(hotel.address)}`);  //@safe
  }, [hotel]);

  if (!hotel) {
    return <ActivityIndicator style={styles.loading} />;
  }

  const promoHtml = `<html><head><meta name="viewport" content="width=device-width" /></head><body><div class="promo">${params.promo ?? ""}</div></body></html>`;  //@vuln CWE-79

  return (
    <View style={styles.container}>
      <Text style={styles.title}>{hotel.name}</Text>
      <Text style={styles.address} onPress={openMaps}>
        {hotel.address}
      </Text>
      {params.promo ? <WebView style={styles.promo} originWhitelist={["*"]} source={{ html: promoHtml }} /> : null}
      <WebView ref={floorplanRef} style={styles.floorplan} source={{ uri: hotel.floorplanUrl }} onLoadEnd={highlightRoom} />
      <Button title="Hold this room for 15 minutes" onPress={holdRoom} />
    </View>
  );
}

const styles = StyleSheet.create({
  container: { flex: 1, padding: 16, gap: 12 },
  loading: { flex: 1 },
  title: { fontSize: 24, fontWeight: "600" },
  address: { color: "#2d6cdf" },
  promo: { height: 120 },
  floorplan: { flex: 1, borderRadius: 8 },
});
