import { useCallback, useEffect, useRef, useState } from "react";
import { ActivityIndicator, Pressable, ScrollView, StyleSheet, Text, View } from "react-native";
import { Stack, router, useLocalSearchParams } from "expo-router";
import { WebView } from "react-native-webview";
import { fetchListing, startChat, type Listing } from "../../src/api";

const TOUR_PREFIX = "https://my.matterport.com/show/";

const currency = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

export default function ListingScreen() {
  // Opened from push notifications and links such as homestead://listing/abc123?room=kitchen
  const { id, room } = useLocalSearchParams<{ id: string; room?: string }>();
  const tourRef = useRef<WebView>(null);
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetchListing(id)
      .then(setListing)
      .catch(() => setError("This listing is no longer available."));
  }, [id]);

  const onTourLoaded = useCallback(() => {
    if (!tourRef.current) return;
    if (listing) {
      tourRef.current.injectJavaScript(`window.tour && window.tour.setTitle(${JSON.stringify(listing.title)}); true;`);  //@safe
    }
    if (room) {
      tourRef.current.injectJavaScript(`window.tour && window.tour.goToRoom('${room}'); true;`);  //@vuln CWE-94
    }
  }, [listing, room]);

  const openChat = useCallback(async () => {
    if (!listing) return;
    const { conversationId } = await startChat(listing.id);
    router.push({ pathname: "/chat/[conversationId]", params: { conversationId } });
  }, [listing]);

  if (error) {
    return (
      <View style={styles.center}>
        <Text>{error}</Text>
      </View>
    );
  }

  if (!listing) {
    return (
      <View style={styles.center}>
        <ActivityIndicator />
      </View>
    );
  }

  const hasTour = typeof listing.tourUrl === "string" && listing.tourUrl.startsWith(TOUR_PREFIX);

  return (
    <ScrollView contentContainerStyle={styles.container}>
      <Stack.Screen options={{ title: listing.title }} />
      <Text style={styles.price}>{currency.format(listing.price)}</Text>
      <Text style={styles.meta}>
        {listing.bedrooms} bd · {listing.city}
      </Text>

      {hasTour && (
        <View style={styles.tour}>
          <WebView
            ref={tourRef}
            source={{ uri: listing.tourUrl as string }}
            onLoadEnd={onTourLoaded}
            allowsFullscreenVideo
            javaScriptEnabled
          />
        </View>
      )}

      <Pressable style={styles.cta} onPress={openChat}>
        <Text style={styles.ctaText}>Message the agent</Text>
      </Pressable>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  center: { flex: 1, alignItems: "center", justifyContent: "center" },
  container: { padding: 16, gap: 12 },
  price: { fontSize: 28, fontWeight: "700" },
  meta: { fontSize: 16, color: "#555" },
  tour: { height: 320, borderRadius: 12, overflow: "hidden" },
  cta: { backgroundColor: "#0a5c36", padding: 14, borderRadius: 10, alignItems: "center" },
  ctaText: { color: "white", fontWeight: "600", fontSize: 16 },
});
