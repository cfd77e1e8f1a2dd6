function Get-SvcForgeLsaRightsSource {
    # C# for Invoke-SvcForgeLsaRight (kept C# 5: no string interpolation, no nameof).
    @'
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace SvcForge.Native
{
    public static class LsaRights
    {
        [StructLayout(LayoutKind.Sequential)]
        private struct LsaUnicodeString
        {
            public ushort Length;
            public ushort MaximumLength;
            public IntPtr Buffer;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct LsaObjectAttributes
        {
            public int Length;
            public IntPtr RootDirectory;
            public IntPtr ObjectName;
            public uint Attributes;
            public IntPtr SecurityDescriptor;
            public IntPtr SecurityQualityOfService;
        }

        private const uint PolicyCreateAccount = 0x00000010;
        private const uint PolicyLookupNames = 0x00000800;
        private const uint StatusObjectNameNotFound = 0xC0000034;

        [DllImport("advapi32.dll")]
        private static extern uint LsaOpenPolicy(IntPtr systemName, ref LsaObjectAttributes objectAttributes, uint desiredAccess, out IntPtr policyHandle);

        [DllImport("advapi32.dll")]
        private static extern uint LsaEnumerateAccountRights(IntPtr policyHandle, byte[] accountSid, out IntPtr userRights, out uint countOfRights);

        [DllImport("advapi32.dll")]
        private static extern uint LsaAddAccountRights(IntPtr policyHandle, byte[] accountSid, LsaUnicodeString[] userRights, uint countOfRights);

        [DllImport("advapi32.dll")]
        private static extern uint LsaClose(IntPtr policyHandle);

        [DllImport("advapi32.dll")]
        private static extern uint LsaFreeMemory(IntPtr buffer);

        [DllImport("advapi32.dll")]
        private static extern int LsaNtStatusToWinError(uint status);

        private static void Check(uint status, string call)
        {
            if (status != 0)
            {
                int error = LsaNtStatusToWinError(status);
                throw new Win32Exception(error, call + " failed: " + new Win32Exception(error).Message);
            }
        }

        private static byte[] SidBytes(string sid)
        {
            SecurityIdentifier identifier = new SecurityIdentifier(sid);
            byte[] bytes = new byte[identifier.BinaryLength];
            identifier.GetBinaryForm(bytes, 0);
            return bytes;
        }

        private static IntPtr Open(uint access)
        {
            LsaObjectAttributes attributes = new LsaObjectAttributes();
            attributes.Length = Marshal.SizeOf(typeof(LsaObjectAttributes));
            IntPtr policy;
            Check(LsaOpenPolicy(IntPtr.Zero, ref attributes, access, out policy), "LsaOpenPolicy");
            return policy;
        }

        public static string[] GetRights(string sid)
        {
            IntPtr policy = Open(PolicyLookupNames);
            try
            {
                IntPtr rights;
                uint count;
                uint status = LsaEnumerateAccountRights(policy, SidBytes(sid), out rights, out count);
                if (status == StatusObjectNameNotFound)
                {
                    return new string[0];
                }
                Check(status, "LsaEnumerateAccountRights");
                try
                {
                    List<string> names = new List<string>();
                    int size = Marshal.SizeOf(typeof(LsaUnicodeString));
                    for (int i = 0; i < count; i++)
                    {
                        LsaUnicodeString item = (LsaUnicodeString)Marshal.PtrToStructure(new IntPtr(rights.ToInt64() + (long)i * size), typeof(LsaUnicodeString));
                        names.Add(Marshal.PtrToStringUni(item.Buffer, item.Length / 2));
                    }
                    return names.ToArray();
                }
                finally
                {
                    LsaFreeMemory(rights);
                }
            }
            finally
            {
                LsaClose(policy);
            }
        }

        public static void AddRight(string sid, string right)
        {
            IntPtr policy = Open(PolicyLookupNames | PolicyCreateAccount);
            IntPtr buffer = Marshal.StringToHGlobalUni(right);
            try
            {
                LsaUnicodeString[] rights = new LsaUnicodeString[1];
                rights[0].Buffer = buffer;
                rights[0].Length = (ushort)(right.Length * 2);
                rights[0].MaximumLength = (ushort)((right.Length + 1) * 2);
                Check(LsaAddAccountRights(policy, SidBytes(sid), rights, 1), "LsaAddAccountRights");
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
                LsaClose(policy);
            }
        }
    }
}
'@
}
