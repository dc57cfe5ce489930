using Beacons.Cases;
using Beacons.Protocol;
using nanoFramework.TestFramework;

namespace Beacons.Shared.NanoTests
{
    /// <summary>The wire protocol inside nanoCLR: its MAC, every frame kind's bytes, broken input.</summary>
    [TestClass]
    public class ProtocolTests
    {
        [TestMethod]
        public void SipHashMatchesEveryReferenceVector()
        {
            var key = new MacKey(SipHashCases.Counting(16));
            byte[] output = new byte[8];
            for (int length = 0; length < SipHashCases.Vectors.Length; length++)
            {
                byte[] message = SipHashCases.Counting(length);
                Bytes.WriteUInt64(output, 0, SipHash.Compute(key, message, 0, length));
                Assert.AreEqual(SipHashCases.Vectors[length], Hex.Format(output, 0, 8), "message of " + length + " bytes");
            }
        }

        [TestMethod]
        public void EveryFrameKindWritesItsGoldenBytes()
        {
            for (int i = 0; i < FrameCases.Kinds.Length; i++)
            {
                byte[] advert = FrameCases.Advertise(FrameCases.Example(FrameCases.Kinds[i]));
                Assert.AreEqual(FrameCases.Golden[i], Hex.Format(advert, 0, advert.Length), FrameCases.Kinds[i]);
            }
        }

        [TestMethod]
        public void EveryGoldenAdvertDecodesToItsFrameAndVerifies()
        {
            for (int i = 0; i < FrameCases.Kinds.Length; i++)
            {
                byte[] advert = Hex.TryParse(FrameCases.Golden[i]);
                var read = new Frame();
                DecodeStatus status = AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, read, new IBeacon());

                Assert.AreEqual((int)DecodeStatus.Ours, (int)status, FrameCases.Kinds[i]);
                Assert.IsTrue(FrameMac.Verify(FrameCases.Key, advert, read), FrameCases.Kinds[i] + " verifies");
                Frame written = FrameCases.Example(FrameCases.Kinds[i]);
                written.Mac = read.Mac;
                Assert.AreEqual(FrameCases.Fields(written), FrameCases.Fields(read), FrameCases.Kinds[i]);
            }
        }

        [TestMethod]
        public void AChangedByteOrAnotherKeyDoesNotVerify()
        {
            byte[] advert = Hex.TryParse(FrameCases.Golden[0]);
            var read = new Frame();
            AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, read, new IBeacon());
            var otherKey = new MacKey(Hex.TryParse("0102030405060708090a0b0c0d0e0f10"));
            Assert.IsFalse(FrameMac.Verify(otherKey, advert, read), "another exercise's key");

            advert[advert.Length - 6] ^= 0x01;
            Assert.IsFalse(FrameMac.Verify(FrameCases.Key, advert, read), "a flipped body bit");
        }

        [TestMethod]
        public void ForeignAndBrokenBytesAreNamed()
        {
            for (int i = 0; i < FrameCases.MalformedHex.Length; i++)
            {
                byte[] advert = Hex.TryParse(FrameCases.MalformedHex[i]);
                DecodeStatus status = AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, new Frame(), new IBeacon());
                Assert.AreEqual((int)FrameCases.MalformedStatus[i], (int)status, "'" + FrameCases.MalformedHex[i] + "'");
            }
        }

        [TestMethod]
        public void MoreThanALegacyAdvertAndEveryTruncationAreRefusedWithoutThrowing()
        {
            Assert.AreEqual((int)DecodeStatus.Oversized,
                (int)AdvertDecoder.Decode(new byte[32], 0, 32, FrameLayout.DefaultCompanyId, new Frame(), new IBeacon()), "32 bytes");

            for (int k = 0; k < FrameCases.Golden.Length; k++)
            {
                byte[] advert = Hex.TryParse(FrameCases.Golden[k]);
                for (int length = 0; length < advert.Length; length++)
                {
                    var read = new Frame();
                    DecodeStatus status = AdvertDecoder.Decode(advert, 0, length, FrameLayout.DefaultCompanyId, read, new IBeacon());
                    Assert.IsTrue(status != DecodeStatus.Ours || !FrameMac.Verify(FrameCases.Key, advert, read),
                        FrameCases.Kinds[k] + " cut to " + length + " bytes must not pass as a verified frame");
                }
            }
        }
    }
}
