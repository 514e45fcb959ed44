// Marks chosen GLIBCXX version needs of an ELF shared library as weak (VER_FLG_WEAK) so that the dynamic loader
// accepts a libstdc++ that lacks them. One implementation for three users: the MSBuild task below (this file ships in
// MLTabularExtensions.TorchSharp's buildTransitive folder), and, compiled with MLTAB_NO_MSBUILD as internal types,
// the library's run-time fix (TorchSharpNative) and the tests.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace MLTabularExtensions.Build
{
    /// <summary>The outcome of <see cref="GlibcxxVersionNeed.Weaken"/> for one file.</summary>
#if MLTAB_NO_MSBUILD
    internal
#else
    public
#endif
    enum WeakenResult
    {
        /// <summary>The file needed none of the versions (or is not a 64-bit little-endian ELF file).</summary>
        NotNeeded,
        /// <summary>The requirement was already weak.</summary>
        AlreadyWeak,
        /// <summary>The requirement was made weak now.</summary>
        Weakened,
    }

    /// <summary>Reads and edits the version-needs section (.gnu.version_r) of a 64-bit little-endian ELF file.</summary>
#if MLTAB_NO_MSBUILD
    internal
#else
    public
#endif
    static class GlibcxxVersionNeed
    {
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        /// <summary>Version names the file requires from any library, with their flags, in file order.</summary>
        public static IReadOnlyList<(string Name, ushort Flags)> Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var result = new List<(string, ushort)>();
            foreach (var (flagsOffset, name) in EnumerateNeeds(bytes))
            {
                result.Add((name, BitConverter.ToUInt16(bytes, flagsOffset)));
            }
            return result;
        }

        /// <summary>Sets VER_FLG_WEAK on every need named <paramref name="versionName"/>; idempotent.</summary>
        public static WeakenResult Weaken(string path, string versionName)
        {
            var bytes = File.ReadAllBytes(path);
            var result = WeakenResult.NotNeeded;
            foreach (var (flagsOffset, name) in EnumerateNeeds(bytes))
            {
                if (name != versionName) continue;
                var flags = BitConverter.ToUInt16(bytes, flagsOffset);
                if ((flags & VerFlagWeak) != 0)
                {
                    if (result == WeakenResult.NotNeeded) result = WeakenResult.AlreadyWeak;
                    continue;
                }
                var updated = BitConverter.GetBytes((ushort)(flags | VerFlagWeak));
                bytes[flagsOffset] = updated[0];
                bytes[flagsOffset + 1] = updated[1];
                result = WeakenResult.Weakened;
            }
            if (result == WeakenResult.Weakened)
            {
                // Write beside and rename so a crash mid-write never leaves a truncated library.
                var temp = path + ".weaken.tmp";
                File.WriteAllBytes(temp, bytes);
                File.Delete(path);
                File.Move(temp, path);
            }
            return result;
        }

        /// <summary>True when some libstdc++ in the usual system folders defines <paramref name="versionName"/>.</summary>
        public static bool SystemLibstdcxxHas(string versionName, IEnumerable<string> candidatePaths)
        {
            var needle = Encoding.ASCII.GetBytes(versionName + "\0");
            foreach (var candidate in candidatePaths)
            {
                if (File.Exists(candidate) && IndexOf(File.ReadAllBytes(candidate), needle) >= 0) return true;
            }
            return false;
        }

        /// <summary>Where Debian, Fedora and Alpine-like systems keep the libstdc++ the loader uses.</summary>
        public static readonly string[] DefaultLibstdcxxPaths =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };

        private static IEnumerable<(int FlagsOffset, string Name)> EnumerateNeeds(byte[] elf)
        {
            // ELF64 little-endian only: the only format TorchSharp ships for linux-x64.
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
                || elf[4] != 2 || elf[5] != 1)
            {
                yield break;
            }
            var sectionTable = checked((int)BitConverter.ToUInt64(elf, 0x28));
            int sectionSize = BitConverter.ToUInt16(elf, 0x3a);
            int sectionCount = BitConverter.ToUInt16(elf, 0x3c);
            for (var i = 0; i < sectionCount; i++)
            {
                var header = sectionTable + i * sectionSize;
                if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed) continue;
                var offset = checked((int)BitConverter.ToUInt64(elf, header + 0x18));
                var link = (int)BitConverter.ToUInt32(elf, header + 0x28);
                var strings = checked((int)BitConverter.ToUInt64(elf, sectionTable + link * sectionSize + 0x18));
                var need = offset;
                while (true)
                {
                    int auxCount = BitConverter.ToUInt16(elf, need + 2);
                    var aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                    for (var a = 0; a < auxCount; a++)
                    {
                        var name = ReadCString(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8));
                        yield return (aux + 4, name);
                        var nextAux = BitConverter.ToUInt32(elf, aux + 12);
                        if (nextAux == 0) break;
                        aux += (int)nextAux;
                    }
                    var next = BitConverter.ToUInt32(elf, need + 12);
                    if (next == 0) break;
                    need += (int)next;
                }
            }
        }

        private static string ReadCString(byte[] bytes, int start)
        {
            var end = Array.IndexOf(bytes, (byte)0, start);
            return Encoding.ASCII.GetString(bytes, start, end - start);
        }

        // RoslynCodeTaskFactory compiles against netstandard2.0, which has no span search.
        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (var start = 0; start <= haystack.Length - needle.Length; start++)
            {
                var match = true;
                for (var k = 0; k < needle.Length && match; k++) match = haystack[start + k] == needle[k];
                if (match) return start;
            }
            return -1;
        }
    }

#if !MLTAB_NO_MSBUILD
    /// <summary>MSBuild task: weakens <see cref="VersionName"/> in each of <see cref="Files"/> unless the system has it.</summary>
    public sealed class WeakenGlibcxxVersionNeed : Microsoft.Build.Utilities.Task
    {
        /// <summary>The shared libraries to patch in place (copies in an output folder, never the NuGet cache).</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>The version requirement to weaken, e.g. GLIBCXX_3.4.32.</summary>
        [Microsoft.Build.Framework.Required]
        public string VersionName { get; set; } = "";

        /// <inheritdoc />
        public override bool Execute()
        {
            if (GlibcxxVersionNeed.SystemLibstdcxxHas(VersionName, GlibcxxVersionNeed.DefaultLibstdcxxPaths))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                    $"System libstdc++ provides {VersionName}; nothing to patch.");
                return true;
            }
            foreach (var file in Files)
            {
                var result = GlibcxxVersionNeed.Weaken(file.ItemSpec, VersionName);
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                    $"{file.ItemSpec}: {VersionName} {result}.");
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
