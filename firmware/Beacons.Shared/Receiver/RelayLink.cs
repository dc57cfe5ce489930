namespace Beacons.Receiver
{
    /// <summary>What the receiver should do with its UDP socket now.</summary>
    public enum SocketAction : byte
    {
        None = 0,
        Open = 1,
        Close = 2,
    }

    /// <summary>
    /// Whether the receiver can relay, and what to do with its socket. The link may come up without the
    /// receiver's doing: the Wi-Fi helper stores the credentials on every connect and the ESP32 firmware
    /// joins from them at boot, so a socket is opened whenever the link is up, whoever brought it up. A
    /// socket is closed when the link goes (the next one binds to the new address) and after
    /// <see cref="FailuresToReopen"/> failed sends in a row with the link still up. The device app reports
    /// what it sees and does; this class decides.
    /// </summary>
    public sealed class RelayLink
    {
        /// <summary>Sends that fail in a row, link up, before the socket is thrown away and opened again.</summary>
        public const int FailuresToReopen = 3;

        private bool _linkUp;
        private bool _socket;
        private int _failedSends;

        public bool LinkUp
        {
            get { return _linkUp; }
        }

        public bool HasSocket
        {
            get { return _socket; }
        }

        /// <summary>Sends failed in a row since the last one that went.</summary>
        public int FailedSends
        {
            get { return _failedSends; }
        }

        /// <summary>True when datagrams can be handed to the socket.</summary>
        public bool CanSend
        {
            get { return _linkUp && _socket; }
        }

        /// <summary>True when what is heard reaches the network: link up, a socket, and the last send went.</summary>
        public bool Relaying
        {
            get { return CanSend && _failedSends == 0; }
        }

        /// <summary>What the link check found (the interface holds an address, or not).</summary>
        public void LinkChecked(bool up)
        {
            _linkUp = up;
        }

        public void SocketOpened()
        {
            _socket = true;
            _failedSends = 0;
        }

        public void SocketClosed()
        {
            _socket = false;
        }

        /// <summary>One send went (true) or failed (false).</summary>
        public void Sent(bool ok)
        {
            _failedSends = ok ? 0 : _failedSends + 1;
        }

        public SocketAction Next()
        {
            if (_socket && (!_linkUp || _failedSends >= FailuresToReopen))
            {
                return SocketAction.Close;
            }

            return _linkUp && !_socket ? SocketAction.Open : SocketAction.None;
        }
    }
}
